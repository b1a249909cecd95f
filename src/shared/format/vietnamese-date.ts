/**
 * Dates and times as Vietnamese forms write them, the one formatter of the phone and the office screens:
 * 20/11/2021 and 20/11/2021 10:04, in Việt Nam's time whatever the device's zone. Việt Nam keeps UTC+7 all year (no
 * daylight saving), so a fixed offset is Asia/Ho_Chi_Minh for any campaign date, and the result does not depend on
 * the browser's locale data (Chromium's vi-VN short style is "10:04 20/11/21").
 */

const VN_OFFSET_MS = 7 * 3_600_000;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day "YYYY-MM-DD" as "DD/MM/YYYY"; anything else is returned as it is. */
export function vietnameseDay(day: string): string {
  const m = DAY.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** Việt Nam's wall clock of an instant, as "YYYY-MM-DDTHH:mm", or null when the instant is unreadable. */
function wallClock(instant: string | Date): string | null {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return Number.isFinite(ms) ? new Date(ms + VN_OFFSET_MS).toISOString().slice(0, 16) : null;
}

/** The Vietnamese calendar day of an instant, "DD/MM/YYYY"; unreadable text is returned as it is. */
export function vietnameseDate(instant: string | Date): string {
  const at = wallClock(instant);
  return at === null ? String(instant) : vietnameseDay(at.slice(0, 10));
}

/** An instant as "DD/MM/YYYY HH:mm" in Việt Nam; unreadable text is returned as it is. */
export function vietnameseDateTime(instant: string | Date): string {
  const at = wallClock(instant);
  return at === null ? String(instant) : `${vietnameseDay(at.slice(0, 10))} ${at.slice(11, 16)}`;
}
