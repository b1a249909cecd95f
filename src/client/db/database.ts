import Dexie, { type EntityTable } from 'dexie';
import type { Answers, ResponseMode } from '../../shared/schema/response';
import type { PayloadIssue, RejectionCode } from '../../shared/sync/codes';
import type { PullResult } from '../../shared/api/pull';
import type { RosterEntry } from '../../shared/sync/roster-entry';

/** draft: being filled · queued: finalised, waiting to sync · synced: the server has it · rejected: the server refused it. */
export type LocalState = 'draft' | 'queued' | 'synced' | 'rejected';

export interface Rejection {
  code: RejectionCode | 'http';
  message: string;
  issues: PayloadIssue[];
}

/** A response as the device keeps it: the upload payload plus its local life. */
export interface LocalResponse {
  id: string;
  state: LocalState;
  campaignId: string;
  unitId: string;
  groupId: string;
  questionnaireId: string;
  questionnaireVersion: number;
  surveyorId: string;
  deviceId: string;
  startedAt: string;
  finishedAt?: string;
  appVersion: string;
  mode: ResponseMode;
  paperSerial?: string;
  answers: Answers;
  updatedAt: string;
  queuedAt?: string;
  syncedAt?: string;
  overQuota?: boolean;
  rejection?: Rejection;
}

export interface LocalRosterEntry extends RosterEntry {
  state: Exclude<LocalState, 'draft'>;
  queuedAt: string;
  syncedAt?: string;
  rejection?: Rejection;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export interface PullRow {
  key: 'current';
  pull: PullResult;
  pulledAt: string;
}

export type PhieuDb = Dexie & {
  responses: EntityTable<LocalResponse, 'id'>;
  roster: EntityTable<LocalRosterEntry, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  pulls: EntityTable<PullRow, 'key'>;
};

/**
 * The device database (the only module that imports Dexie). Every transaction is opened with strict durability:
 * Chrome's default since 121 reports a write complete before it reaches disk (DESIGN §4 rule 2).
 * Schema changes add a version below; never edit a released one.
 */
export function openDeviceDb(name = 'phieu', options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {}): PhieuDb {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict', ...options }) as PhieuDb;
  db.version(1).stores({
    responses: '&id, state, [state+queuedAt], [state+syncedAt], [unitId+groupId+paperSerial]',
    roster: '&id, state, [state+queuedAt]',
    meta: '&key',
    pulls: '&key',
  });
  // v2: counts per cell by state read from an index, not by walking every row (home screen, during a sync).
  db.version(2).stores({
    responses: '&id, state, [state+queuedAt], [state+syncedAt], [unitId+groupId+paperSerial], [state+unitId+groupId]',
  });
  return db;
}
