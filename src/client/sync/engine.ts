import { MAX_BATCH } from '../../shared/sync/limits';
import type { ItemResult, PushResult } from '../../shared/sync/protocol';
import type { PullResult } from '../../shared/api/pull';
import type { PhieuDb } from '../db/database';
import { savePull } from '../db/meta';
import { applyOutcomes, nextQueued, requeueRefused, toPayload, type ItemOutcome } from '../db/responses';
import { applyRosterOutcomes, nextQueuedRoster, requeueRefusedRoster, toRosterPayload } from '../db/roster';
import type { SyncLock } from './lock';
import { causeGone } from './retry';
import { NetworkError, type Answer, type SyncTransport } from './transport';

export type SyncOutcome =
  /** Counts are of responses; payment-roster names are counted apart (`roster`). */
  | {
      kind: 'done';
      accepted: number;
      duplicates: number;
      rejected: number;
      roster: { accepted: number; duplicates: number; rejected: number };
      pulled: boolean;
    }
  | { kind: 'auth-required' }
  | { kind: 'retry-later'; reason: 'network' | 'server'; delayMs: number }
  /**
   * The server refused a push itself (a 4xx other than 401, 408 and 429, or 413 for a single item): its HTTP status,
   * and the words it sent when it sent some. The screen words it in the surveyor's language (SyncPanel). Status 0 is
   * the device's own failure (triggers.ts), with its message.
   */
  | { kind: 'failed'; status: number; message?: string }
  | { kind: 'busy' };

export interface EngineOptions {
  db: PhieuDb;
  transport: SyncTransport;
  lock: SyncLock;
  now?: () => Date;
  random?: () => number;
  /** Exponential backoff with full jitter between these bounds. */
  backoff?: { baseMs: number; maxMs: number };
}

/** Retry with exponential backoff and full jitter: random in [0, min(max, base · 2^failures)). */
export function backoffDelay(failures: number, random: () => number, { baseMs, maxMs }: { baseMs: number; maxMs: number }): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1)));
}

function toOutcome(result: ItemResult, id: string): ItemOutcome {
  if (result.status === 'accepted') return { id, synced: true, overQuota: result.overQuota };
  if (result.status === 'duplicate') return { id, synced: true };
  return { id, synced: false, rejection: { code: result.code, message: result.message, issues: result.issues } };
}

type Tally = { accepted: number; duplicates: number; rejected: number };

class Stop {
  constructor(readonly outcome: SyncOutcome) {}
}

/**
 * The device side of DESIGN §4: pushes the queue in batches, marks an item synced only on `accepted` or
 * `duplicate`, keeps and shows what the server rejected, backs off on network errors and 5xx, stops on 401 with the
 * queue intact, then pulls fresh counts, and sends again what was refused for a cause the pull shows gone. One sync at
 * a time per device, across tabs.
 */
export class SyncEngine {
  private failures = 0;
  private batchSize = MAX_BATCH;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly backoff: { baseMs: number; maxMs: number };

  constructor(private readonly opts: EngineOptions) {
    this.now = opts.now ?? (() => new Date());
    this.random = opts.random ?? Math.random;
    this.backoff = opts.backoff ?? { baseMs: 5_000, maxMs: 10 * 60_000 };
  }

  async syncNow(): Promise<SyncOutcome> {
    const result = await this.opts.lock.tryRun(() => this.run());
    return result === 'busy' ? { kind: 'busy' } : result;
  }

  private async run(): Promise<SyncOutcome> {
    const tally = { accepted: 0, duplicates: 0, rejected: 0 };
    const rosterTally = { accepted: 0, duplicates: 0, rejected: 0 };
    try {
      await this.pushQueues(tally, rosterTally);
      let pull = await this.pullAndSave();
      // A refusal whose cause can go away (campaign-closed, not-assigned, questionnaire-version-unknown: retry.ts) is
      // sent again in this same sync as soon as the pull just taken shows the cause gone: the campaign open again, the
      // cell assigned again, the version known. Chosen over resending every refusal on every sync (which the server
      // would answer idempotently, so it would be as safe): a phone can hold many refused responses for days while a
      // campaign is closed, and resending all of them on every trigger (each 5 minutes, each return to the app) would
      // spend the surveyor's mobile data and the server's validation on an answer known in advance. The pull is made
      // by every sync anyway, so nothing waits a sync longer; whatever the pull cannot show, "Gửi lại" sends by hand.
      if (pull.ok && (await this.requeueWhereCauseGone(pull.body)) > 0) {
        await this.pushQueues(tally, rosterTally);
        pull = await this.pullAndSave(); // counts that include what was just accepted
      }
      this.failures = 0;
      return { kind: 'done', ...tally, roster: rosterTally, pulled: pull.ok };
    } catch (e) {
      if (e instanceof Stop) return e.outcome;
      throw e;
    }
  }

  private async pushQueues(tally: Tally, rosterTally: Tally): Promise<void> {
    await this.drain(
      () => nextQueued(this.opts.db, this.batchSize),
      (rows) => this.opts.transport.pushResponses(rows.map(toPayload)),
      (outcomes) => applyOutcomes(this.opts.db, outcomes, this.now()),
      tally,
    );
    await this.drain(
      () => nextQueuedRoster(this.opts.db, this.batchSize),
      (rows) => this.opts.transport.pushRoster(rows.map(toRosterPayload)),
      (outcomes) =>
        applyRosterOutcomes(
          this.opts.db,
          outcomes.map((o) => (o.synced ? { id: o.id, synced: true as const } : o)),
          this.now(),
        ),
      rosterTally,
    );
  }

  private async pullAndSave(): Promise<Answer<PullResult>> {
    const pull = await this.call(() => this.opts.transport.pull());
    if (pull.ok) await savePull(this.opts.db, pull.body, this.now());
    return pull;
  }

  /** Queues again the refused responses and roster names whose cause the pull shows gone; returns how many. */
  private async requeueWhereCauseGone(pull: PullResult): Promise<number> {
    const responses = await requeueRefused(this.opts.db, (r) => causeGone(pull, r), this.now());
    const roster = await requeueRefusedRoster(this.opts.db, (r) => causeGone(pull, r));
    return responses + roster;
  }

  /** Pushes one queue until it is empty. Items leave the queue as synced or rejected, so each round progresses. */
  private async drain<R extends { id: string }>(
    next: () => Promise<R[]>,
    push: (rows: R[]) => Promise<Answer<PushResult>>,
    apply: (outcomes: ItemOutcome[]) => Promise<void>,
    tally: Tally,
  ): Promise<void> {
    for (let rows = await next(); rows.length > 0; rows = await next()) {
      const answer = await this.call(() => push(rows));
      if (!answer.ok) {
        if (answer.status === 413 && this.batchSize > 1) {
          this.batchSize = Math.max(1, Math.floor(this.batchSize / 2));
          continue;
        }
        // The status as data, never a sentence made here: the screen words it in the surveyor's language.
        throw new Stop({ kind: 'failed', status: answer.status, message: answer.body?.message });
      }
      const results = answer.body.results;
      // Results come in the order sent; an item without one stays queued for the next attempt.
      const outcomes = rows.flatMap((row, i): ItemOutcome[] => {
        const r = results[i];
        return r ? [toOutcome(r, row.id)] : [];
      });
      await apply(outcomes);
      if (outcomes.length < rows.length) throw new Stop(this.retryLater('server'));
      for (const r of results) {
        if (r.status === 'accepted') tally.accepted += 1;
        else if (r.status === 'duplicate') tally.duplicates += 1;
        else tally.rejected += 1;
      }
    }
  }

  /** One request: network errors, 429 and 5xx back off; 401 stops and asks for a new sign-in. */
  private async call<T>(request: () => Promise<Answer<T>>): Promise<Answer<T>> {
    let answer: Answer<T>;
    try {
      answer = await request();
    } catch (e) {
      if (!(e instanceof NetworkError)) throw e;
      throw new Stop(this.retryLater('network'));
    }
    if (answer.ok) return answer;
    if (answer.status === 401) throw new Stop({ kind: 'auth-required' });
    if (answer.status >= 500 || answer.status === 429 || answer.status === 408) throw new Stop(this.retryLater('server'));
    return answer;
  }

  private retryLater(reason: 'network' | 'server'): SyncOutcome {
    this.failures += 1;
    return { kind: 'retry-later', reason, delayMs: backoffDelay(this.failures, this.random, this.backoff) };
  }
}
