// The in-process server of the server tests, without the test runner: the benches use it too (tsx, no vitest).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildApp, type AppOptions } from '../../src/server/app';
import { upsertAssignment } from '../../src/server/db/assignments';
import { putCouncilMember } from '../../src/server/db/council';
import { migrateToLatest, openSqlite, type DatabaseHandle } from '../../src/server/db/database';
import { openPostgres } from '../../src/server/db/postgres';
import type { App } from '../../src/server/http/deps';
import { createAccount } from '../../src/server/services/auth';
import { CampaignRegistry } from '../../src/server/services/campaign-registry';
import { loadCampaign } from '../../src/server/services/campaign-loader';
import type { Campaign, CouncilScope, Role, SurveyResponse } from '../../src/shared';
import { loadBundle, referenceCampaignDir } from '../fixtures/campaigns';

export const PASSWORD = 'mat-khau-thu-nghiem';
export const ORIGIN = 'http://localhost:80';

export interface Harness {
  dir: string;
  handle: DatabaseHandle;
  registry: CampaignRegistry;
  app: App;
  /**
   * Creates an account (and surveyor assignments) and returns its id. A council account is made the council's chair
   * (who sees every unit) unless `council` says otherwise: a member with these scopes, or `'none'` (not on the council).
   */
  account(
    username: string,
    role: Role,
    opts?: { unitId?: string; cells?: [string, string, number?][]; council?: 'chair' | 'none' | readonly CouncilScope[] },
  ): Promise<string>;
  /** The PostgreSQL database of this harness (HarnessOptions.postgres), which close() drops; none on SQLite. */
  postgres?: TestDatabase;
  /** Signs in and returns the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real server in process over a real database, with the reference campaign loaded (or the folder given): a SQLite
 * file in a temp folder, or with `opts.postgres` a PostgreSQL database of its own on that cluster (the temp folder
 * still holds the evidence files).
 */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'phieu-test-'));
  const store = opts.postgres ? await createTestDatabase(opts.postgres) : undefined;
  const handle = store ? openPostgres(store.url, 4) : openSqlite(path.join(dir, DB_FILE));
  await migrateToLatest(handle.db);
  const bundle = await loadBundle(opts.campaignDir ?? referenceCampaignDir);
  await loadCampaign(handle.db, bundle, new Date());
  return serve(dir, handle, bundle.campaign, opts, store);
}

export interface HarnessOptions {
  campaignDir?: string;
  app?: Partial<AppOptions>;
  /** A PostgreSQL cluster's URL (test/setup/postgres.ts): the harness's database is a new one there, not a SQLite file. */
  postgres?: string;
}

export const DB_FILE = 'phieu.sqlite';

/** `url` naming the database `name` instead of its own. */
export const withDatabase = (url: string, name: string): string => url.replace(/^(postgres(?:ql)?:\/\/[^/]*\/)[^?]*/, `$1${name}`);

let admin: pg.Pool | undefined;
let made = 0;

/**
 * A new database on the cluster at `postgres` (a copy of `template` if given, which must have no connection open), and
 * how to drop it. Its name is unique to this process.
 */
export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
  /** Runs SQL on the cluster from outside this database (ALTER DATABASE, ending its connections). */
  admin(text: string): Promise<void>;
}

export async function createTestDatabase(postgres: string, template?: string): Promise<TestDatabase> {
  if (!admin) {
    admin = new pg.Pool({ connectionString: postgres, max: 2, allowExitOnIdle: true });
    admin.on('error', () => {}); // an idle connection ended with its cluster at the end of a run: nothing to do
  }
  const pool = admin;
  made += 1;
  const name = `phieu_${process.pid}_${made}_${randomUUID().slice(0, 8)}`;
  await pool.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  return {
    name,
    url: withDatabase(postgres, name),
    drop: async () => void (await pool.query(`drop database if exists ${name} with (force)`)),
    admin: async (text) => void (await pool.query(text)),
  };
}

export async function serve(
  dir: string,
  handle: DatabaseHandle,
  campaign: Campaign,
  opts: HarnessOptions,
  postgres?: TestDatabase,
): Promise<Harness> {
  const registry = new CampaignRegistry(handle.db);
  await registry.reload();
  const app = await buildApp({
    db: handle.db,
    databaseUrl: postgres?.url,
    registry,
    evidenceDir: path.join(dir, 'evidence'),
    ...opts.app,
  });
  const campaignId = campaign.id;
  return {
    dir,
    handle,
    registry,
    app,
    postgres,
    async account(username, role, o = {}) {
      const id = await createAccount(
        handle.db,
        { username, displayName: username, role, password: PASSWORD, unitId: o.unitId ?? null, campaignId },
        new Date(),
      );
      if (role === 'council' && o.council !== 'none') {
        const scopes = o.council === undefined || o.council === 'chair' ? [] : o.council;
        const at = new Date().toISOString();
        await putCouncilMember(
          handle.db,
          {
            campaign_id: campaignId,
            account_id: id,
            position: scopes.length === 0 ? 'chair' : 'member',
            organisation: 'Sở Nội vụ',
            updated_at: at,
          },
          scopes.map((s) =>
            s.kind === 'field'
              ? { level: s.level, scope_kind: 'field' as const, scope: s.field }
              : { level: campaign.units.find((u) => u.id === s.unitId)?.level ?? '', scope_kind: 'unit' as const, scope: s.unitId },
          ),
        );
      }
      for (const [unit, group, allocation] of o.cells ?? []) {
        await upsertAssignment(handle.db, {
          campaign_id: campaignId,
          surveyor_id: id,
          unit_id: unit,
          group_id: group,
          allocation: allocation ?? null,
          created_at: new Date().toISOString(),
        });
      }
      return id;
    },
    async login(username, password = PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'phieu_session');
      if (!cookie) throw new Error('no session cookie');
      return `phieu_session=${cookie.value}`;
    },
    async close() {
      await app.close();
      await handle.close();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A valid response for the reference campaign's Sở Tư pháp × citizens cell (phieu-03-s). */
export function citizenResponse(surveyorId: string, overrides: Partial<SurveyResponse> = {}): SurveyResponse {
  return {
    id: randomUUID(),
    campaignId: 'quang-binh-2021',
    unitId: 'so-tu-phap',
    groupId: 'so-nguoi-dan',
    questionnaireId: 'phieu-03-s',
    questionnaireVersion: 1,
    surveyorId,
    deviceId: 'dev-test',
    startedAt: '2021-12-10T08:00:00+07:00',
    finishedAt: '2021-12-10T08:14:00+07:00',
    appVersion: '0.1.0',
    mode: 'interview',
    answers: {
      P1: 'nam',
      P2: '30-39',
      P3: 'dai-hoc',
      P4: 'ca-nhan',
      P6: 'truc-tiep',
      Q1: 'A',
      Q2: 'B',
      Q3: 'yes',
      Q5: 'no',
      Q6: 'A',
      Q7: 'B',
      Q8: 'no',
      Q10: 'C',
      Q11: 'A',
    },
    ...overrides,
  };
}

/** A valid response for Sở Tư pháp × its own staff (phieu-01-s). */
export function staffResponse(surveyorId: string, overrides: Partial<SurveyResponse> = {}): SurveyResponse {
  return citizenResponse(surveyorId, {
    groupId: 'so-cong-chuc-so',
    questionnaireId: 'phieu-01-s',
    answers: {
      P1: 'nam',
      P2: '30-39',
      P3: 'dai-hoc',
      P4: 'cong-chuc-vien-chuc',
      Q1: 'A',
      Q2: 'A',
      Q3: 'B',
      Q4: 'B',
      Q5: 'C',
      Q6: 'A',
      Q7: 'B',
      Q8: 'A',
      Q9: 'A',
      Q10: 'B',
    },
    ...overrides,
  });
}
