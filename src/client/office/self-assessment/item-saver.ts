import { ApiError } from '../api';
import { parseScore } from './model';

/**
 * An item saved as it is typed: a score and some text boxes beside it (`F`: the self-assessment's explanation and
 * note, the council's comment), with the version a change must name. The unit's entry and the council's appraisal
 * share this one saver.
 */
export type SavedItem<F extends string> = { version: number; score: number | null } & { [K in F]: string | null };

/** What is typed in an item's boxes, as typed. `badScore`: the score box could not be read as a number. */
export type Draft<F extends string> = { score: string; badScore: boolean } & { [K in F]: string };

/** What the server holds for the item, as far as this editor knows (also the body of a save). */
export type Stored<F extends string> = SavedItem<F>;

export type SaveStatus<F extends string, I extends SavedItem<F>> =
  /** Nothing typed since the item was loaded. */
  | { kind: 'idle' }
  /** Typed; saved after a short pause or when the box is left. */
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  /** The score is not acceptable: nothing is sent until it is corrected. */
  | { kind: 'invalid' }
  /** The server refused the values (its message and code), or could not be reached (`offline`). */
  | { kind: 'error'; message: string; offline: boolean; code?: string }
  /**
   * Someone saved the item since this editor loaded it: theirs is shown, nothing is overwritten. `base` is what this
   * editor had started from, so that what was changed here can be told from what was not.
   */
  | { kind: 'conflict'; message: string; theirs: I | null; base: Stored<F> }
  /** The item cannot be changed any more (submitted, appraisal closed, waiting for the unit): the server's words. */
  | { kind: 'locked'; message: string };

export interface SaverSnapshot<F extends string, I extends SavedItem<F>> {
  draft: Draft<F>;
  stored: Stored<F>;
  status: SaveStatus<F, I>;
}

export interface SaverDeps<F extends string, I extends SavedItem<F>> {
  /** The text boxes beside the score, in the order they are shown. */
  fields: readonly F[];
  /** PUT the item; throws ApiError. */
  send(body: Stored<F>): Promise<void>;
  /** The item as the server holds it now (after a conflict). */
  latest(): Promise<I | undefined>;
  /** Called after every save (totals and what is missing change). */
  saved(): void;
  /** Whether the draft's score may be sent (the shared rule). */
  acceptable(draft: Draft<F>): boolean;
  now(): Date;
  /** The server's code of a version conflict (409). */
  conflictCode: string;
  /** The server's codes (409) saying that the item cannot be changed now. */
  lockedCodes: readonly string[];
}

/** The pause after typing before an item is saved. */
export const SAVE_DELAY_MS = 800;

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());
const text = <F extends string>(v: { [K in F]: string | null }, f: F): string | null => (v as Record<F, string | null>)[f];

function draftOf<F extends string>(i: SavedItem<F>, fields: readonly F[]): Draft<F> {
  const d: Record<string, unknown> = { score: i.score === null ? '' : String(i.score), badScore: false };
  for (const f of fields) d[f] = text(i, f) ?? '';
  return d as Draft<F>;
}

function storedOf<F extends string>(i: SavedItem<F>, fields: readonly F[]): Stored<F> {
  const s: Record<string, unknown> = { version: i.version, score: i.score };
  for (const f of fields) s[f] = text(i, f);
  return s as Stored<F>;
}

/** The body of a save of this draft on top of `version`. */
export function updateOf<F extends string>(draft: Draft<F>, version: number, fields: readonly F[]): Stored<F> {
  const u: Record<string, unknown> = { version, score: parseScore(draft.score) };
  for (const f of fields) u[f] = orNull((draft as Record<F, string>)[f]);
  return u as Stored<F>;
}

/** The boxes whose content differs from `stored` ('score' first). */
export function changedFields<F extends string>(draft: Draft<F>, stored: Stored<F>, fields: readonly F[]): ('score' | F)[] {
  const u = updateOf(draft, stored.version, fields);
  const out: ('score' | F)[] = [];
  if (draft.badScore || u.score !== stored.score) out.push('score');
  for (const f of fields) if (text(u, f) !== (text(stored, f)?.trim() || null)) out.push(f);
  return out;
}

/**
 * One item's editor state, saved as it is typed (DESIGN §6): after a pause or when a box is left, one save at a time,
 * each naming the version it started from. A 409 conflict keeps what was typed and shows what the other person
 * saved; the person then takes theirs or saves their own on top, never silently.
 */
export class ItemSaver<F extends string, I extends SavedItem<F>> {
  private snap: SaverSnapshot<F, I>;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;
  private again = false;

  constructor(
    item: I,
    private readonly deps: SaverDeps<F, I>,
    private readonly delayMs = SAVE_DELAY_MS,
  ) {
    this.snap = { draft: draftOf(item, deps.fields), stored: storedOf(item, deps.fields), status: { kind: 'idle' } };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): SaverSnapshot<F, I> => this.snap;

  private set(next: Partial<SaverSnapshot<F, I>>): void {
    this.snap = { ...this.snap, ...next };
    for (const l of this.listeners) l();
  }

  private unchanged(draft: Draft<F>, stored: Stored<F>): boolean {
    return changedFields(draft, stored, this.deps.fields).length === 0;
  }

  /** The boxes changed here since `stored` (for the conflict banner). */
  changed(draft: Draft<F>, stored: Stored<F>): ('score' | F)[] {
    return changedFields(draft, stored, this.deps.fields);
  }

  /** Something was typed: saved after the pause (not while a conflict or the lock is shown). */
  change(patch: Partial<Draft<F>>): void {
    const draft = { ...this.snap.draft, ...patch } as Draft<F>;
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
  serverItem(item: I): void {
    const { draft, stored, status } = this.snap;
    if (item.version <= stored.version || this.inFlight || this.timer !== undefined) return;
    if (status.kind === 'conflict' || status.kind === 'locked' || !this.unchanged(draft, stored)) return;
    this.set({ draft: draftOf(item, this.deps.fields), stored: storedOf(item, this.deps.fields) });
  }

  /** After a conflict: drop what was typed here and show what the server holds. */
  takeTheirs(): void {
    const { status } = this.snap;
    if (status.kind !== 'conflict' || !status.theirs) return;
    this.set({
      draft: draftOf(status.theirs, this.deps.fields),
      stored: storedOf(status.theirs, this.deps.fields),
      status: { kind: 'idle' },
    });
  }

  /**
   * After a conflict: save, knowingly, what was changed here on top of the other person's version; the boxes not
   * changed here keep what they saved.
   */
  keepMine(): void {
    const { status, draft } = this.snap;
    if (status.kind !== 'conflict' || !status.theirs) return;
    const mine = this.changed(draft, status.base);
    const merged = { ...draftOf(status.theirs, this.deps.fields) } as Record<string, unknown>;
    for (const f of mine) {
      if (f === 'score') Object.assign(merged, { score: draft.score, badScore: draft.badScore });
      else merged[f] = (draft as Record<F, string>)[f as F];
    }
    this.set({ draft: merged as Draft<F>, stored: storedOf(status.theirs, this.deps.fields), status: { kind: 'pending' } });
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
    return !this.unchanged(this.snap.draft, this.snap.stored);
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
    if (this.unchanged(draft, stored)) {
      if (status.kind === 'pending' || status.kind === 'invalid' || status.kind === 'error') this.set({ status: { kind: 'idle' } });
      return;
    }
    if (!this.deps.acceptable(draft)) {
      this.set({ status: { kind: 'invalid' } });
      return;
    }
    const body = updateOf(draft, stored.version, this.deps.fields);
    this.inFlight = true;
    this.set({ status: { kind: 'saving' } });
    try {
      await this.deps.send(body);
      const saved: Stored<F> = { ...body, version: body.version + 1 };
      // Typed while the save was on its way: that waits for its own save.
      const next: SaveStatus<F, I> = this.unchanged(this.snap.draft, saved)
        ? { kind: 'saved', at: this.deps.now() }
        : this.deps.acceptable(this.snap.draft)
          ? { kind: 'pending' }
          : { kind: 'invalid' };
      this.set({ stored: saved, status: next });
      this.deps.saved();
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, '');
      if (err.status === 409 && err.code === this.deps.conflictCode) {
        const theirs = await this.deps.latest().catch(() => undefined);
        this.set({ status: { kind: 'conflict', message: err.message, theirs: theirs ?? null, base: stored } });
      } else if (err.status === 409 && err.code !== undefined && this.deps.lockedCodes.includes(err.code)) {
        this.set({ status: { kind: 'locked', message: err.message } });
        this.deps.saved();
      } else {
        this.set({ status: { kind: 'error', message: err.message, offline: err.offline, code: err.code } });
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
