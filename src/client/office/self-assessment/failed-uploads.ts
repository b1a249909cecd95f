import { useSyncExternalStore } from 'react';

/** A file that did not reach the server, with the reason, kept so the review page (rà soát) can list it. */
export interface FailedUpload {
  id: string;
  /** The sub-criterion it was meant for. */
  code: string;
  name: string;
  message: string;
  at: string;
}

const KEY = 'phieu.sa.failedUploads';
type All = Record<string, FailedUpload[]>;

/** For this browser tab (sessionStorage): a reload keeps the list, another tab or a new session does not. */
function load(): All {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as All) : {};
  } catch {
    return {};
  }
}

let all: All = load();
const listeners = new Set<() => void>();
const NONE: FailedUpload[] = [];

function write(next: All): void {
  all = next;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(all));
  } catch {
    // private mode or full: the list lasts for this page only
  }
  for (const l of listeners) l();
}

const keyOf = (campaignId: string, unitId: string) => `${campaignId}/${unitId}`;

/** Adds refusals; a file of the same name for the same item replaces its earlier entry. */
export function recordFailedUploads(campaignId: string, unitId: string, failures: Omit<FailedUpload, 'id' | 'at'>[], at: Date): void {
  if (failures.length === 0) return;
  const key = keyOf(campaignId, unitId);
  const same = (a: { code: string; name: string }, b: { code: string; name: string }) => a.code === b.code && a.name === b.name;
  const kept = (all[key] ?? []).filter((f) => !failures.some((n) => same(f, n)));
  const added = failures.map((f) => ({ ...f, id: `${at.getTime()}-${Math.random().toString(36).slice(2, 10)}`, at: at.toISOString() }));
  write({ ...all, [key]: [...kept, ...added] });
}

/** A file of this name went up for this item after all: its earlier failure is no longer to be done. */
export function clearFailedUploads(campaignId: string, unitId: string, code: string, names: readonly string[]): void {
  const key = keyOf(campaignId, unitId);
  const list = all[key] ?? [];
  const kept = list.filter((f) => !(f.code === code && names.includes(f.name)));
  if (kept.length !== list.length) write({ ...all, [key]: kept });
}

export function dismissFailedUpload(campaignId: string, unitId: string, id: string): void {
  const key = keyOf(campaignId, unitId);
  write({ ...all, [key]: (all[key] ?? []).filter((f) => f.id !== id) });
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The files that failed to upload for this unit in this session. */
export function useFailedUploads(campaignId: string, unitId: string): FailedUpload[] {
  const key = keyOf(campaignId, unitId);
  return useSyncExternalStore(subscribe, () => all[key] ?? NONE);
}
