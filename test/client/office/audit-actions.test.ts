import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_PREFIXES } from '../../../src/client/office/admin/audit';
import { adminEn } from '../../../src/client/office/admin/text-en';
import { adminVi } from '../../../src/client/office/admin/text-vi';

/**
 * Issue 16: the audit log shows every action in words, in Vietnamese and in English, never its code. The actions are
 * collected from the server's sources: every `action: '…'` (a ternary's both sides included) handed to the log.
 */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function writtenActions(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(join(__dirname, '../../../src/server'))) {
    const text = readFileSync(file, 'utf8');
    if (!/appendAudit|insertInto\('audit_log'\)/.test(text)) continue;
    for (const m of text.matchAll(/\baction:\s*([^,}\n]+)/g)) {
      for (const code of m[1]!.matchAll(/'([a-z][a-z-]*(?:\.[a-z-]+)+)'/g)) found.add(code[1]!);
    }
  }
  return found;
}

describe('the audit log’s actions in words', () => {
  it('finds the actions the server writes (the scan itself works)', () => {
    const written = writtenActions();
    for (const a of [
      'account.create',
      'campaign.update',
      'response.exclude',
      'response.restore',
      'sa.item.save',
      'appraisal.close',
      'results.publish',
    ]) {
      expect(written).toContain(a);
    }
  });

  it('names every action the server writes, in Vietnamese and in English', () => {
    const listed = new Set<string>(AUDIT_ACTIONS);
    expect([...writtenActions()].filter((a) => !listed.has(a)).sort()).toEqual([]);
    const vi = adminVi as Record<string, string>;
    const en = adminEn as Record<string, string>;
    for (const a of AUDIT_ACTIONS) {
      const key = `audit.action.${a}`;
      expect(vi[key], key).toBeTruthy();
      expect(en[key], key).toBeTruthy();
      expect(en[key], key).not.toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    }
    for (const p of AUDIT_PREFIXES) {
      expect(vi[`audit.prefix.${p}`], p).toBeTruthy();
      expect(en[`audit.prefix.${p}`], p).toBeTruthy();
    }
  });
});
