import {
  canonicalJson,
  type ItemResult,
  type PullResult,
  type PushResult,
  type RosterEntry,
  type SurveyResponse,
} from '../../../src/shared';
import { NetworkError, type Answer, type SyncTransport } from '../../../src/client/sync/transport';

/** What the next request meets: the server works, or the network drops before or after the server commits, or an HTTP status. */
export type Fault = 'ok' | 'drop-before' | 'drop-after' | 401 | 500 | 413 | 400;

/**
 * An in-memory collection server with the real idempotency rule (same id and content: duplicate; other content:
 * conflict), and a script of faults for the next requests. `stored` is what it has committed.
 */
export class FakeServer implements SyncTransport {
  stored = new Map<string, string>();
  roster = new Map<string, string>();
  faults: Fault[] = [];
  requests = 0;
  /** Item ids to refuse as invalid. */
  refuse = new Set<string>();
  signedIn = true;
  /** The campaign's state: while closed, every item is refused with campaign-closed (before idempotency, as the real server does). */
  campaignState: 'open' | 'closed' = 'open';
  /** Cells ("unit group") the surveyor is not assigned: refused with not-assigned, and left out of the pull. */
  unassigned = new Set<string>();

  private answerFor<T extends { id: string; unitId: string; groupId: string }>(table: Map<string, string>, items: T[]): ItemResult[] {
    return items.map((item, index) => {
      if (this.refuse.has(item.id))
        return {
          id: item.id,
          index,
          status: 'rejected',
          code: 'invalid',
          message: 'Có câu trả lời không hợp lệ',
          issues: [{ path: 'answers.Q1', message: 'Sai' }],
        };
      if (this.campaignState === 'closed')
        return {
          id: item.id,
          index,
          status: 'rejected',
          code: 'campaign-closed',
          message: 'Kỳ đánh giá không mở nhận dữ liệu',
          issues: [],
        };
      const hash = canonicalJson(item);
      const prior = table.get(item.id);
      if (prior === undefined) {
        if (this.unassigned.has(`${item.unitId} ${item.groupId}`))
          return { id: item.id, index, status: 'rejected', code: 'not-assigned', message: 'Không được phân công', issues: [] };
        table.set(item.id, hash);
        return { id: item.id, status: 'accepted', overQuota: false };
      }
      return prior === hash
        ? { id: item.id, status: 'duplicate' }
        : { id: item.id, index, status: 'rejected', code: 'conflict', message: 'Khác nội dung', issues: [] };
    });
  }

  private async handle<T>(work: () => T): Promise<Answer<T>> {
    this.requests += 1;
    const fault = this.faults.shift() ?? 'ok';
    if (fault === 'drop-before') throw new NetworkError('network down');
    if (typeof fault === 'number') return { ok: false, status: fault, body: { error: 'x', message: `HTTP ${fault}` } };
    if (!this.signedIn) return { ok: false, status: 401, body: { error: 'unauthenticated', message: 'Đăng nhập lại' } };
    const body = work(); // committed
    if (fault === 'drop-after') throw new NetworkError('connection reset after the server committed');
    return { ok: true, body };
  }

  pushResponses(items: SurveyResponse[]): Promise<Answer<PushResult>> {
    return this.handle(() => ({ results: this.answerFor(this.stored, items), receivedAt: new Date().toISOString() }));
  }

  pushRoster(items: RosterEntry[]): Promise<Answer<PushResult>> {
    return this.handle(() => ({ results: this.answerFor(this.roster, items), receivedAt: new Date().toISOString() }));
  }

  pull(): Promise<Answer<PullResult>> {
    return this.handle(() => pullFixture(this.stored.size, { state: this.campaignState, assigned: !this.unassigned.has('u1 c') }));
  }
}

export function pullFixture(cellCount: number, opts: { state?: 'open' | 'closed'; assigned?: boolean } = {}): PullResult {
  return {
    serverTime: new Date().toISOString(),
    account: { id: 'sv-1', username: 'dieutra1', displayName: 'Điều tra viên 1' },
    campaign: {
      id: 'tiny',
      name: 'Kỳ thử',
      province: 'Tỉnh Thử',
      year: 2030,
      state: opts.state ?? 'open',
      deadlines: {},
      unitLevels: [{ id: 'dept', name: 'Cấp sở' }],
      units: [{ id: 'u1', name: 'Đơn vị 1', level: 'dept' }],
      groups: [{ id: 'c', name: 'Người dân', ratesLevel: 'dept', description: 'Nhóm C' }],
    },
    assignments: opts.assigned === false ? [] : [{ unit: 'u1', group: 'c', allocation: null, target: 30, cellCount, ownCount: cellCount }],
    questionnaires: [],
  };
}
