import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { definitionJsonSchemas } from '../../../src/shared';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../survey-definitions/schema');

describe('JSON Schemas for editors', () => {
  it.each(Object.entries(definitionJsonSchemas()))(
    '%s.schema.json matches the zod schema (run npm run definitions:schema)',
    async (name, schema) => {
      const committed = JSON.parse(await readFile(path.join(dir, `${name}.schema.json`), 'utf8'));
      expect(committed).toEqual(JSON.parse(JSON.stringify(schema)));
    },
  );
});
