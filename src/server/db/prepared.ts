import { createHash } from 'node:crypto';

// Kept apart from postgres.ts so that raw.ts (which an export worker loads) does not bring in the pg driver.

/** The statement name of each fixed text (db/raw.ts marks them): the same text, the same name, on every connection. */
const statementNames = new Map<string, string>();

/**
 * Marks a fixed SQL text as worth preparing once per connection (PostgreSQL's named statements): the sync's inserts
 * of 50 rows were parsed and planned again at every push, which cost more than running them. Only constant texts are
 * marked (a few dozen), so each connection holds a few dozen prepared statements at most.
 */
export function prepareOnce(text: string): void {
  if (!statementNames.has(text)) statementNames.set(text, `phieu_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`);
}

/** The name a marked text is prepared under on PostgreSQL (postgres.ts), or undefined for any other text. */
export const statementName = (text: string): string | undefined => statementNames.get(text);
