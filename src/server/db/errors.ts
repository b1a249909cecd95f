/**
 * A unique-constraint failure, from either database: SQLite's code, or PostgreSQL's SQLSTATE 23505 (issue 18). Two
 * requests can pass the same check before either inserts (a username taken between the check and the insert).
 */
export const isUniqueViolation = (err: unknown): boolean => {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
};
