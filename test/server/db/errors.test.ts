import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isUniqueViolation } from '../../../src/server/db/errors';

describe('a unique-constraint failure', () => {
  it('is recognised from SQLite, for a unique column and a primary key, and from PostgreSQL by its SQLSTATE', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'phieu-unique-'));
    const db = new Database(path.join(dir, 'x.sqlite'));
    try {
      db.exec('create table t (id text primary key, name text unique)');
      db.prepare('insert into t values (?, ?)').run('a', 'x');
      const failure = (stmt: string) => {
        try {
          db.prepare(stmt).run();
        } catch (e) {
          return e;
        }
        throw new Error(`no failure: ${stmt}`);
      };
      expect(isUniqueViolation(failure("insert into t values ('b', 'x')"))).toBe(true);
      expect(isUniqueViolation(failure("insert into t values ('a', 'y')"))).toBe(true);
      expect(isUniqueViolation(failure("insert into t values (null, 'z', 1)"))).toBe(false);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation({ code: '23503' })).toBe(false);
    expect(isUniqueViolation(new Error('unique'))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
