/** What server-child.ts and the campaign that starts it agree on (kept apart: importing the child would start a server). */

/** The child prints this, then its URL, once it listens. */
export const READY_LINE = 'crash-child listening ';

/** Request header: the start of the server a device addressed; answer header: the start that answered. */
export const EPOCH_HEADER = 'x-crash-epoch';
