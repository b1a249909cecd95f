/** At most this many items per push: a batch commits in one transaction and answers within a request timeout. */
export const MAX_BATCH = 100;
