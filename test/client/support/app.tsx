import 'fake-indexeddb/auto';
import { act, cleanup, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { MemoryRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import questionnaire from '../../../survey-definitions/quang-binh-2021/questionnaires/phieu-03-s.json';
import { openDeviceDb, type PhieuDb } from '../../../src/client/db/database';
import { usePull } from '../../../src/client/db/hooks';
import { savePull } from '../../../src/client/db/meta';
import { createDraft, finalise, saveAnswer, type NewDraft } from '../../../src/client/db/responses';
import { FillScreen } from '../../../src/client/features/fill/FillScreen';
import { StartScreen } from '../../../src/client/features/fill/StartScreen';
import { HomeScreen } from '../../../src/client/features/home/HomeScreen';
import { RosterScreen } from '../../../src/client/features/roster/RosterScreen';
import { I18nProvider } from '../../../src/client/i18n/i18n';
import { UpdatePrompt } from '../../../src/client/pwa/UpdatePrompt';
import { DeviceProvider, useDevice } from '../../../src/client/sync/device';
import { NetworkError, type Answer, type SyncTransport } from '../../../src/client/sync/transport';
import {
  questionnaireSchema,
  type Answers,
  type PullResult,
  type PushResult,
  type RosterEntry,
  type SurveyResponse,
} from '../../../src/shared';

/** Shared set-up for the surveyor screens: a seeded device database, an offline transport, the app's routes. */

// IndexedDB round trips through fake-indexeddb are slow on a busy machine: give findBy/waitFor more than 1 s.
configure({ asyncUtilTimeout: 4000 });

export const UNIT = 'so-tu-phap';
export const OTHER_UNIT = 'so-noi-vu';
export const GROUP = 'so-nguoi-dan';
export const UNIT_NAME = 'Sở Tư pháp';
export const GROUP_NAME = 'Người dân, doanh nghiệp có giao dịch';
export const DEVICE_ID = 'dev-test-1';
export const SURVEYOR_ID = 'sv-1';
export const PULLED_AT = new Date('2021-12-10T01:00:00Z');

type Assignment = PullResult['assignments'][number];

/** What the device pulled: Sở Tư pháp (and Sở Nội vụ) × người dân, with the real Phiếu 03-S. */
export function buildPull(cell: Partial<Assignment> = {}): PullResult {
  return {
    serverTime: PULLED_AT.toISOString(),
    account: { id: SURVEYOR_ID, username: 'dieutra1', displayName: 'Điều tra viên 1' },
    campaign: {
      id: 'quang-binh-2021',
      name: 'Chỉ số CCHC tỉnh Quảng Bình năm 2021',
      province: 'Quảng Bình',
      year: 2021,
      state: 'open',
      deadlines: {},
      unitLevels: [{ id: 'department', name: 'Cấp sở' }],
      units: [
        { id: UNIT, name: UNIT_NAME, shortName: 'Tư pháp', level: 'department' },
        { id: OTHER_UNIT, name: 'Sở Nội vụ', shortName: 'Nội vụ', level: 'department' },
      ],
      groups: [{ id: GROUP, name: GROUP_NAME, ratesLevel: 'department', description: 'Phiếu số 03-S' }],
    },
    assignments: [
      { unit: UNIT, group: GROUP, allocation: 15, target: 30, cellCount: 28, ownCount: 3, ...cell },
      { unit: OTHER_UNIT, group: GROUP, allocation: null, target: 30, cellCount: 0, ownCount: 0 },
    ],
    // As the server sends it: parsed with the shared schema when the campaign was loaded, defaults filled in.
    questionnaires: [questionnaireSchema.parse(questionnaire)],
  };
}

/** No network: every call fails the way fetch does offline, so the auto-sync on mount changes nothing. */
export class OfflineTransport implements SyncTransport {
  calls = 0;
  private fail<T>(): Promise<Answer<T>> {
    this.calls += 1;
    return Promise.reject(new NetworkError('offline'));
  }
  pushResponses(_items: SurveyResponse[]): Promise<Answer<PushResult>> {
    return this.fail();
  }
  pushRoster(_items: RosterEntry[]): Promise<Answer<PushResult>> {
    return this.fail();
  }
  pull(): Promise<Answer<PullResult>> {
    return this.fail();
  }
}

export interface Device {
  name: string;
  db: PhieuDb;
}

/** A fresh device database holding a pull and a device id (as after the first sign-in). */
export async function seedDevice(pull: PullResult = buildPull()): Promise<Device> {
  const name = `test-${randomUUID()}`;
  const db = openDeviceDb(name);
  await db.open();
  await savePull(db, pull, PULLED_AT);
  await db.meta.put({ key: 'deviceId', value: DEVICE_ID });
  return { name, db };
}

export async function dropDevice(device: Device): Promise<void> {
  device.db.close();
  await openDeviceDb(device.name).delete();
}

export function draftFor(over: Partial<NewDraft> = {}): NewDraft {
  return {
    id: randomUUID(),
    campaignId: 'quang-binh-2021',
    unitId: UNIT,
    groupId: GROUP,
    questionnaireId: 'phieu-03-s',
    questionnaireVersion: 1,
    surveyorId: SURVEYOR_ID,
    deviceId: DEVICE_ID,
    appVersion: '0.1.0',
    mode: 'interview',
    ...over,
  };
}

/** Part I, every required question answered. */
export const PART_ONE: Answers = { P1: 'nam', P2: '30-39', P3: 'dai-hoc', P4: 'ca-nhan', P6: 'truc-tiep' };
/** Part II, every required question answered, Q3 = yes so Q4 stays hidden, Q8 = no so Q9 stays hidden. */
export const PART_TWO: Answers = { Q1: 'A', Q2: 'B', Q3: 'yes', Q5: 'no', Q6: 'A', Q7: 'B', Q8: 'no', Q10: 'C', Q11: 'A' };

/** A draft with the given answers already saved. */
export async function seedDraft(db: PhieuDb, answers: Answers = {}, over: Partial<NewDraft> = {}): Promise<string> {
  const d = await createDraft(db, draftFor(over), PULLED_AT);
  for (const [code, value] of Object.entries(answers)) await saveAnswer(db, d.id, code, value, PULLED_AT);
  return d.id;
}

/** A finalised response waiting in the outbox. */
export async function seedQueued(db: PhieuDb, over: Partial<NewDraft> = {}): Promise<string> {
  const answers = { ...PART_ONE, ...PART_TWO };
  const id = await seedDraft(db, answers, over);
  await finalise(db, id, answers, new Date('2021-12-10T02:00:00Z'));
  return id;
}

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.pathname}</output>;
}

function DeviceProbe() {
  const { db, deviceId } = useDevice();
  const pulled = usePull(db);
  return <output data-testid="device">{deviceId && pulled ? 'ready' : 'loading'}</output>;
}

/**
 * Waits until the device id and the pull are loaded. Screens that save (the roster form) silently ignore a submit
 * before that, so a test must not click earlier than a surveyor could.
 */
export async function deviceReady(): Promise<void> {
  await waitFor(() => expect(screen.getByTestId('device').textContent).toBe('ready'));
  await settle();
}

/** Far more turns than the longest chain of IndexedDB requests a test sets off (seedQueued's 16 writes take about 50). */
const SETTLE_TURNS = 200;

/**
 * Lets the work already set off run to its end, without sleeping: turns the event loop SETTLE_TURNS times (in act), in
 * which the IndexedDB requests (fake-indexeddb runs each on setImmediate), the promise chains after them and React's
 * renders are done. A few milliseconds whatever the machine's load, the same work whatever its speed; a check that
 * nothing happened comes after it. Not waited for: the app's own timers (400 ms and more: a test about them runs on
 * fakeAppTimers and elapses them) and a lazy chunk's import (a test waits for what it brings, with waitFor or findBy).
 */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < SETTLE_TURNS; i++) await new Promise<void>((r) => setImmediate(r));
  });
}

/**
 * Fake timers for a test about the app's own timers (the sync triggers' interval and retry, the answers' debounce):
 * setTimeout and setInterval only, so that IndexedDB (setImmediate), promises and React run as usual, and a clock that
 * also moves with real time, so that findBy and waitFor keep working. test/setup/client.ts puts real timers back.
 */
export function fakeAppTimers(): void {
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
}

/** `ms` of the app's time at once (fakeAppTimers), then what that set off run to its end (settle). */
export async function elapse(ms: number): Promise<void> {
  if (!vi.isFakeTimers()) throw new Error('elapse: call fakeAppTimers() first');
  await act(() => vi.advanceTimersByTimeAsync(ms));
  await settle();
}

/** The current route, as the app's router sees it. */
export const currentPath = () => screen.getByTestId('location').textContent;

/** The signed-in part of App.tsx (UpdatePrompt and the routes), in a MemoryRouter, on the given device database. */
export function renderApp(device: Device, path: string, transport: SyncTransport = new OfflineTransport(), db: PhieuDb = device.db) {
  return render(
    <I18nProvider>
      <DeviceProvider db={db} transport={transport}>
        <MemoryRouter initialEntries={[path]}>
          <UpdatePrompt />
          <Routes>
            <Route path="/" element={<HomeScreen onSignOut={() => undefined} />} />
            <Route path="/start/:unit/:group" element={<StartScreen />} />
            <Route path="/fill/:id" element={<FillScreen />} />
            <Route path="/roster/:unit/:group" element={<RosterScreen />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
          <LocationProbe />
          <DeviceProbe />
        </MemoryRouter>
      </DeviceProvider>
    </I18nProvider>,
  );
}

/** Unmounts every rendered tree and forgets the language choice (setLang writes localStorage). */
export function resetUi(): void {
  cleanup();
  localStorage.clear();
  document.documentElement.lang = '';
}

/* The fill screen, Phiếu 03-S: section and question texts, and how a surveyor answers. */

export const PART_I = 'Phần I – Thông tin người trả lời';
export const PART_II = 'Phần II – Đánh giá kết quả cải cách hành chính';
export const PART_III = 'Phần III – Ý kiến, kiến nghị';
export const Q3 = 'Hồ sơ của ông/bà có được trả kết quả đúng hẹn không?';
export const Q4 = 'Khi hồ sơ bị trễ hẹn, ông/bà có nhận được thư xin lỗi và hẹn lại thời gian trả kết quả không?';
export const REQUIRED = 'Câu hỏi bắt buộc: cần trả lời';

/** The fieldset of a choice question, by the start of its text (the legend may add "(không bắt buộc)"). */
export const question = (text: string) => screen.getByRole('group', { name: (name) => name.startsWith(text) });
export const queryQuestion = (text: string) => screen.queryByRole('group', { name: (name) => name.startsWith(text) });
export const radio = (text: string, label: string) => within(question(text)).getByRole('radio', { name: label }) as HTMLInputElement;
export const choose = (text: string, label: string) => fireEvent.click(radio(text, label));
/** A text, number or date input by the start of its label. */
export function field(text: string): HTMLInputElement {
  const label = Array.from(document.querySelectorAll('label')).find((l) => l.htmlFor && (l.textContent ?? '').startsWith(text));
  const input = label && document.getElementById(label.htmlFor);
  if (!input) throw new Error(`no field labelled "${text}…"`);
  return input as HTMLInputElement;
}
/** Types into a field and leaves it, as a surveyor does. */
export function type(text: string, value: string) {
  const input = field(text);
  fireEvent.change(input, { target: { value } });
  fireEvent.blur(input);
}
export const button = (name: string) => screen.getByRole('button', { name });
export const sectionTitle = () => screen.getAllByRole('heading', { level: 2 })[0]?.textContent;
/** The message tied to an element by aria-describedby. */
export function describedBy(el: Element): string[] {
  return (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? `<missing #${id}>`);
}

/** The stored row of a response (it must exist). */
export async function storedResponse(db: PhieuDb, id: string) {
  const row = await db.responses.get(id);
  if (!row) throw new Error(`no response ${id} on the device`);
  return row;
}

/** Waits until the draft's stored answers are exactly these. */
export async function answersBecome(db: PhieuDb, id: string, answers: Answers): Promise<void> {
  await waitFor(async () => expect((await storedResponse(db, id)).answers).toEqual(answers));
}

/**
 * Per-test set-up of the fill-screen files: a seeded device (dropped afterwards), jsdom's missing scrollTo stubbed,
 * and shortcuts to open a draft and read what was stored.
 */
export function fillSession() {
  let current: Device | undefined;
  beforeEach(async () => {
    vi.spyOn(window, 'scrollTo').mockImplementation(() => undefined); // jsdom does not implement it
    current = await seedDevice();
  });
  afterEach(async () => {
    resetUi();
    vi.restoreAllMocks();
    if (current) await dropDevice(current);
  });
  const session = {
    get device(): Device {
      if (!current) throw new Error('fillSession: no device outside a test');
      return current;
    },
    stored: (id: string) => storedResponse(session.device.db, id),
    storedAnswersBecome: (id: string, answers: Answers) => answersBecome(session.device.db, id, answers),
    async openDraft(answers: Answers = {}) {
      const id = await seedDraft(session.device.db, answers);
      const view = renderApp(session.device, `/fill/${id}`);
      await screen.findByRole('heading', { name: PART_I });
      return { id, view };
    },
  };
  return session;
}
