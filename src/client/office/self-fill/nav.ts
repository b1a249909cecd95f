/** Where Home Affairs issues, prints and revokes self-fill codes (issue 19); the office shell adds the route and the entry. */
export const SELF_FILL_PATH = '/self-fill';
