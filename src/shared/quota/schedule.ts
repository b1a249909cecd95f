/**
 * Pace against the survey deadline: will a unit reach its quota in time at the rate it is going? Days are calendar
 * days in Vietnam (UTC+7 all year, no daylight saving), which is when the deadline falls.
 */

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;

/** The Vietnamese calendar day (YYYY-MM-DD) of an instant. */
export function vnDay(instant: string | Date): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Responses per day: `received` arrived that day, `excluded` of them were later set aside in review. */
export interface DailyCount {
  date: string;
  received: number;
  excluded: number;
}

export type ScheduleStatus = 'done' | 'on-track' | 'behind' | 'missed';

export interface Schedule {
  /** Still to collect, summed per cell (a surplus in one group does not fill another). */
  remaining: number;
  /** Days left from today through the deadline, today included; 0 once the deadline has passed. */
  daysLeft: number;
  /** Counted responses per day over the recent window. */
  pacePerDay: number;
  /** What the pace would add by the deadline. */
  projected: number;
  /** Per day needed from today to finish on time; null when no day is left. */
  neededPerDay: number | null;
  /** At the current pace, how many will still be missing at the deadline. */
  shortfall: number;
  status: ScheduleStatus;
}

/** The pace is the counted responses of the last `windowDays` days (fewer when collection began more recently). */
export const PACE_WINDOW_DAYS = 7;

export function schedule(args: { remaining: number; daily: DailyCount[]; today: string; deadline: string; windowDays?: number }): Schedule {
  const window = args.windowDays ?? PACE_WINDOW_DAYS;
  const daysLeft = Math.max(0, daysBetween(args.today, args.deadline) + 1);
  const days = args.daily
    .filter((d) => d.date <= args.today)
    .map((d) => d.date)
    .sort();
  const first = days[0];
  const span = first === undefined ? window : Math.max(1, Math.min(window, daysBetween(first, args.today) + 1));
  const since = addDays(args.today, -(span - 1));
  const recent = args.daily.filter((d) => d.date >= since && d.date <= args.today).reduce((n, d) => n + d.received - d.excluded, 0);
  const pacePerDay = recent / span;
  const projected = Math.floor(pacePerDay * daysLeft);
  const shortfall = Math.max(0, args.remaining - projected);
  const status: ScheduleStatus = args.remaining === 0 ? 'done' : daysLeft === 0 ? 'missed' : shortfall > 0 ? 'behind' : 'on-track';
  return {
    remaining: args.remaining,
    daysLeft,
    pacePerDay: Math.round(pacePerDay * 10) / 10,
    projected,
    neededPerDay: daysLeft === 0 ? null : Math.ceil(args.remaining / daysLeft),
    shortfall: args.remaining === 0 ? 0 : daysLeft === 0 ? args.remaining : shortfall,
    status,
  };
}
