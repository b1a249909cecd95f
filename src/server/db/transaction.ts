import type { Db } from './database';

/** Runs `fn` in one transaction: all of its writes commit together or none do. */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
