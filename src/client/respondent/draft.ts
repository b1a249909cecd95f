import type { RespondentForm } from '../../shared/api/self-fill';
import type { Answers } from '../../shared/schema/response';

/**
 * What the respondent's browser keeps for a code (issue 19), in localStorage under keys of the normalised code: the
 * draft (small, written on every answer) and the form as fetched (large, written when fetched), so that a closed tab
 * or a reload resumes, and a reload without network can still show the questionnaire. After the server accepted the
 * response only a small "submitted" marker stays: the answers are dropped from the device.
 */

export interface Draft {
  v: 1;
  /** The response's id, made when the draft was created; never changes. */
  responseId: string;
  /** Sent with the id; a retry sends it again (the server keeps its hash, apart from the response). */
  secret: string;
  startedAt: string;
  answers: Answers;
  /** Where the respondent is: a section id, REVIEW, or null (the first section). */
  place: string | null;
  /** When "Gửi phiếu" was first pressed: kept, so every retry sends identical content. */
  finishedAt?: string;
  /**
   * Set with finishedAt: the rest of what the submission needs, and what the sending screen shows, so that a page
   * opened again sends from the draft alone (the form's copy is a separate, larger item whose save may have failed).
   */
  submission?: Submission;
}

export interface Submission {
  questionnaireId: string;
  questionnaireVersion: number;
  /** The questionnaire's title and the campaign's name, shown while sending. */
  title: string;
  campaign: string;
}

export interface SubmittedMarker {
  v: 1;
  submitted: true;
  submittedAt: string;
}

export const REVIEW = '#review';

/** Why the browser refused to store: its storage is full, or storage is not allowed (private mode, settings). */
export type StorageFailure = 'quota' | 'denied';

const draftKey = (code: string) => `phieu.p.${code}`;
const formKey = (code: string) => `phieu.p.${code}.form`;

function failureOf(e: unknown): StorageFailure {
  const name = e instanceof Error || (typeof e === 'object' && e !== null && 'name' in e) ? String((e as { name: unknown }).name) : '';
  return /quota/i.test(name) ? 'quota' : 'denied';
}

function storage(): Storage {
  // Reading the property itself throws where storage is blocked (a SecurityError).
  return window.localStorage;
}

export interface Stored {
  draft: Draft | null;
  submitted: SubmittedMarker | null;
  form: RespondentForm | null;
  /** Storage could not be read: the page works from memory and says so. */
  failure?: StorageFailure;
}

function parse(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function readStored(code: string): Stored {
  try {
    const s = storage();
    const raw = parse(s.getItem(draftKey(code)));
    const form = parse(s.getItem(formKey(code)));
    const validForm = isObject(form) && isObject(form.questionnaire) ? (form as unknown as RespondentForm) : null;
    if (isObject(raw) && raw.submitted === true) return { draft: null, submitted: raw as unknown as SubmittedMarker, form: null };
    const draft =
      isObject(raw) && typeof raw.responseId === 'string' && typeof raw.secret === 'string' && isObject(raw.answers)
        ? (raw as unknown as Draft)
        : null;
    return { draft, submitted: null, form: validForm };
  } catch (e) {
    return { draft: null, submitted: null, form: null, failure: failureOf(e) };
  }
}

/** Writes; returns why it failed, or null. Never throws: the caller shows the failure. */
function write(key: string, value: unknown): StorageFailure | null {
  try {
    storage().setItem(key, JSON.stringify(value));
    return null;
  } catch (e) {
    return failureOf(e);
  }
}

export function saveDraft(code: string, draft: Draft): StorageFailure | null {
  return write(draftKey(code), draft);
}

export function saveForm(code: string, form: RespondentForm): StorageFailure | null {
  return write(formKey(code), form);
}

/** The server has the response: the answers and the form leave the device, a marker stays. */
export function markSubmitted(code: string, at: Date): StorageFailure | null {
  const failure = write(draftKey(code), { v: 1, submitted: true, submittedAt: at.toISOString() } satisfies SubmittedMarker);
  try {
    storage().removeItem(formKey(code));
  } catch {
    // the form holds no answer; a leftover copy is harmless
  }
  return failure;
}

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 24 url-safe characters (144 bits) from the browser's cryptographic generator (64 symbols: no bias from a byte). */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return Array.from(bytes, (b) => URL_SAFE[b & 63]).join('');
}

/** A random (v4) UUID. crypto.randomUUID exists only on secure origins; getRandomValues also on plain http. */
export function newUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The same answers under a new response id and secret (the server already holds a response with the old id). */
export function renewedDraft(draft: Draft): Draft {
  return { ...draft, responseId: newUuid(), secret: newSecret() };
}

/** The submission of a finished draft that has everything it needs without the form; else null. */
export function sendable(draft: Draft | null): (Draft & { finishedAt: string; submission: Submission }) | null {
  const s = draft?.submission;
  if (!draft?.finishedAt || !s || typeof s.questionnaireId !== 'string' || typeof s.questionnaireVersion !== 'number') return null;
  return draft as Draft & { finishedAt: string; submission: Submission };
}

export function newDraft(now: Date): Draft {
  return { v: 1, responseId: newUuid(), secret: newSecret(), startedAt: now.toISOString(), answers: {}, place: null };
}
