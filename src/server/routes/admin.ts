import type { App, Deps } from '../http/deps';

/** Campaign administration for Home Affairs: campaign state, deadlines and settings, accounts, assignments. */
export function adminRoutes(_app: App, _deps: Deps): void {}
