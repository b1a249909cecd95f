import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { definitionJsonSchemas } from '../../shared';

/** `npm run definitions:schema`: regenerates survey-definitions/schema/*.schema.json from the zod schemas. */
const dir = path.resolve('survey-definitions', 'schema');
await mkdir(dir, { recursive: true });
for (const [name, schema] of Object.entries(definitionJsonSchemas())) {
  const file = path.join(dir, `${name}.schema.json`);
  await writeFile(file, `${JSON.stringify(schema, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
