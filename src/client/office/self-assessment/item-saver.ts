import type { SaItem, SaItemUpdate } from '../../../shared';
import { ApiError } from '../api';
import { parseScore } from './model';

/** What is typed in an item's boxes, as typed. `badScore`: the browser could not read the score box as a number. */
export interface Draft {
  score: string;
  badScore: boolean;
  explanation: string;
  note: string;
}

/** What the server holds for the item, as far as this editor knows, with the version a change must name. */
export interface Stored {
  version: number;
  score: number | null;
  explanation: string | null;
  note: string | null;
}

export type SaveStatus =
  /** Nothing typed since the item was loaded. */
  | { kind: 'idle' }
  /** Typed; saved after a short pause or when the box is left. */
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  /** The score is not acceptable: nothing is sent until it is corrected. */
  | { kind: 'invalid' }
  /** The server refused the values (its message), or could not be reached (`offline`). */
  | { kind: 'error'; message: string; offline: boolean }
  /**
   * Someone saved the item since this editor loaded it: theirs is shown, nothing is overwritten. `base` is what this
   * editor had started from, so that what was changed here can be told from what was not.
   */
  | { kind: 'conflict'; message: string; theirs: SaItem | null; base: Stored }
  /** The self-assessment was submitted meanwhile: nothing can be changed any more. */
  | { kind: 'locked'; message: string };

export interface SaverSnapshot {
  draft: Draft;
  stored: Stored;
  status: SaveStatus;
}

export interface SaverDeps {
  /** PUT the item; throws ApiError. */
  send(body: SaItemUpdate): Promise<void>;
  /** The item as the server holds it now (after a conflict). */
  latest(): Promise<SaItem | undefined>;
  /** Called after every save (totals and what is missing change). */
  saved(): void;
  /** Whether the draft's score may be sent (the shared rule). */
  acceptable(draft: Draft): boolean;
  now(): Date;
}

/** The pause after typing before an item is saved. */
export const SAVE_DELAY_MS = 800;

const draftOf = (i: Pick<SaItem, 'score' | 'explanation' | 'note'>): Draft => ({
  score: i.score === null ? '' : String(i.score),
  badScore: false,
  explanation: i.explanation ?? '',
  note: i.note ?? '',
});
const storedOf = (i: SaItem): Stored => ({ version: i.version, score: i.score, explanation: i.explanation, note: i.note });
const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** The body of a save of this draft on top of `version`. */
export function updateOf(draft: Draft, version: number): SaItemUpdate {
  return { version, score: parseScore(draft.score), explanation: orNull(draft.explanation), note: orNull(draft.note) };
}

const FIELDS = ['score', 'explanation', 'note'] as const;
export type ItemField = (typeof FIELDS)[number];

/** The boxes whose content differs from `stored`. */
export function changedFields(draft: Draft, stored: Stored): ItemField[] {
  const u = updateOf(draft, stored.version);
  return FIELDS.filter((f) => (f === 'score' ? draft.badScore || u.score !== stored.score : u[f] !== (stored[f]?.trim() || null)));
}

/** Whether the draft says what the server holds. */
export function unchanged(draft: Draft, stored: Stored): boolean {
  return changedFields(draft, stored).length === 0;
}

/**
 * One sub-criterion's editor state, saved as it is typed (DESIGN §6): after a pause or when a box is left, one save
 * at a time, each naming the version it started from. A 409 conflict keeps what was typed and shows what the other
 * person saved; the person then takes theirs or saves their own on top, never silently.
 */
export class ItemSaver {
  private snap: SaverSnapshot;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private again = false;

  constructor(
    item: SaItem,
    private readonly deps: SaverDeps,
    private readonly delayMs = SAVE_DELAY_MS,
  ) {
    this.snap = { draft: draftOf(item), stored: storedOf(item), status: { kind: 'idle' } };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): SaverSnapshot => this.snap;

  private set(next: Partial<SaverSnapshot>): void {
    this.snap = { ...this.snap, ...next };
    for (const l of this.listeners) l();
  }

  /** Something was typed: saved after the pause (not while a conflict or the lock is shown). */
  change(patch: Partial<Draft>): void {
    const draft = { ...this.snap.draft, ...patch };
    const { status } = this.snap;
    if (status.kind === 'conflict' || status.kind === 'locked') {
      this.set({ draft });
      return;
    }
    this.set({ draft, status: this.deps.acceptable(draft) ? { kind: 'pending' } : { kind: 'invalid' } });
    this.schedule();
  }

  /** A box was left: save now. */
  flush(): void {
    this.clearTimer();
    void this.save();
  }

  /** The server's copy was read again: taken when nothing typed here waits to be saved. */
  serverItem(item: SaItem): void {
    const { draft, stored, status } = this.snap;
    if (item.version <= stored.version || this.inFlight || this.timer !== undefined) return;
    if (status.kind === 'conflict' || status.kind === 'locked' || !unchanged(draft, stored)) return;
    this.set({ draft: draftOf(item), stored: storedOf(item) });
  }

  /** After a conflict: drop what was typed here and show what the server holds. */
  takeTheirs(): void {
    const { status } = this.snap;
    if (status.kind !== 'conflict' || !status.theirs) return;
    this.set({ draft: draftOf(status.theirs), stored: storedOf(status.theirs), status: { kind: 'idle' } });
  }

  /**
   * After a conflict: save, knowingly, what was changed here on top of the other person's version; the boxes not
   * changed here keep what they saved.
   */
  keepMine(): void {
    const { status, draft } = this.snap;
    if (status.kind !== 'conflict' || !status.theirs) return;
    const mine = changedFields(draft, status.base);
    const merged: Draft = { ...draftOf(status.theirs) };
    for (const f of mine) {
      if (f === 'score') Object.assign(merged, { score: draft.score, badScore: draft.badScore });
      else merged[f] = draft[f];
    }
    this.set({ draft: merged, stored: storedOf(status.theirs), status: { kind: 'pending' } });
    void this.save();
  }

  /** After a conflict whose other version could not be read: read it again. */
  async readTheirs(): Promise<void> {
    const { status } = this.snap;
    if (status.kind !== 'conflict') return;
    const theirs = await this.deps.latest().catch(() => undefined);
    if (this.snap.status.kind === 'conflict') this.set({ status: { ...status, theirs: theirs ?? null } });
  }

  /** Try again after an error. */
  retry(): void {
    if (this.snap.status.kind === 'error') void this.save();
  }

  /** Whether something typed is not on the server yet. */
  get dirty(): boolean {
    return !unchanged(this.snap.draft, this.snap.stored);
  }

  /** The editor goes away: what waits for the pause is saved now. */
  dispose(): void {
    if (this.timer === undefined) return;
    this.clearTimer();
    void this.save();
  }

  private schedule(): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, this.delayMs);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async save(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const { draft, stored, status } = this.snap;
    if (status.kind === 'conflict' || status.kind === 'locked') return;
    if (unchanged(draft, stored)) {
      if (status.kind === 'pending' || status.kind === 'invalid' || status.kind === 'error') this.set({ status: { kind: 'idle' } });
      return;
    }
    if (!this.deps.acceptable(draft)) {
      this.set({ status: { kind: 'invalid' } });
      return;
    }
    const body = updateOf(draft, stored.version);
    this.inFlight = true;
    this.set({ status: { kind: 'saving' } });
    try {
      await this.deps.send(body);
      const saved: Stored = { version: body.version + 1, score: body.score, explanation: body.explanation, note: body.note };
      // Typed while the save was on its way: that waits for its own save.
      const next: SaveStatus = unchanged(this.snap.draft, saved) ? { kind: 'saved', at: this.deps.now() } : this.deps.acceptable(this.snap.draft) ? { kind: 'pending' } : { kind: 'invalid' };
      this.set({ stored: saved, status: next });
      this.deps.saved();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, '');
      if (err.status === 409 && err.code === 'conflict') {
        const theirs = await this.deps.latest().catch(() => undefined);
        this.set({ status: { kind: 'conflict', message: err.message, theirs: theirs ?? null, base: stored } });
      } else if (err.status === 409 && err.code === 'submitted') {
        this.set({ status: { kind: 'locked', message: err.message } });
        this.deps.saved();
      } else {
        this.set({ status: { kind: 'error', message: err.message, offline: err.offline } });
      }
    } finally {
      this.inFlight = false;
    }
    if (this.again) {
      this.again = false;
      if (this.timer === undefined) void this.save();
    }
  }
}
