import type { App, Deps } from '../http/deps';

/** Review of received responses by Home Affairs: list with flags, exclude, restore, audit. */
export function reviewRoutes(_app: App, _deps: Deps): void {}
