import { vietnameseDay } from '../../../shared';
/** Vietnam keeps UTC+7 all year (no daylight saving): a fixed offset is Asia/Ho_Chi_Minh for any campaign date. */
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

function viaDate(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const s = new Date(t + VIETNAM_OFFSET_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 19)}`;
}

const ISO_INSTANT = /^(\d{4}-\d{2}-\d{2})T(\d{2})(:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:00)$/;
/** "YYYY-MM-DDTHH" + zone → "YYYY-MM-DD HH" in Việt Nam: minutes and seconds never move with a whole-hour offset. */
const hours = new Map<string, string>();
/** "YYYY-MM-DDTHH" of a UTC time (…Z) → "YYYY-MM-DD HH" in Việt Nam: the server's own times, keyed by one slice. */
const utcHours = new Map<string, string>();
const DEVICE_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?\+07:00$/;

/**
 * An ISO instant as the wall-clock time in Asia/Ho_Chi_Minh, "YYYY-MM-DD HH:mm:ss" (fractions of a second dropped);
 * unreadable text is kept as it is. Downloads call this three times a row, so the hour is converted once per distinct
 * hour and zone (a Date per call cost a second per 100,000 rows).
 */
export function vietnamDateTime(iso: string): string {
  // The server's own times (Date.toISOString: "2021-12-10T01:14:00.000Z") without a regular expression.
  if (iso.length === 24 && iso.charCodeAt(23) === 90 && iso.charCodeAt(10) === 84 && iso.charCodeAt(19) === 46) {
    const key = iso.slice(0, 13);
    let local = utcHours.get(key);
    if (local === undefined) {
      local = localHour(iso.slice(0, 10), iso.slice(11, 13), 'Z');
      if (utcHours.size >= 100_000) utcHours.clear();
      utcHours.set(key, local);
    }
    return local + iso.slice(13, 19);
  }
  // A device's time in Việt Nam's own offset (most of them), with or without milliseconds: the wall clock as written.
  if ((iso.length === 25 || iso.length === 29) && iso.endsWith('+07:00') && iso.charCodeAt(10) === 84 && DEVICE_LOCAL.test(iso))
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  const m = ISO_INSTANT.exec(iso);
  if (m === null) return viaDate(iso);
  const [, day, hour, rest, zone] = m as unknown as [string, string, string, string, string];
  if (zone === '+07:00') return `${day} ${hour}${rest}`;
  return localHour(day, hour, zone) + rest;
}

function localHour(day: string, hour: string, zone: string): string {
  const key = day + hour + zone;
  let local = hours.get(key);
  if (local === undefined) {
    local = viaDate(`${day}T${hour}:00:00${zone}`).slice(0, 13);
    if (hours.size >= 100_000) hours.clear();
    hours.set(key, local);
  }
  return local;
}

/** "YYYY-MM-DD" as "DD/MM/YYYY", the way Vietnamese forms write dates: the formatter the phone and office screens use. */
export const vietnameseDate = vietnameseDay;

const dongFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
/** Whole đồng with vi-VN grouping: 1.234.500. */
export const formatDong = (amount: number): string => dongFormat.format(amount);

/** ASCII fallback of a file name: diacritics dropped (đ → d), anything unsafe becomes "-". */
export function asciiFileName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-(?=\.)|-$/g, '');
}

/**
 * Content-Disposition for a download with a Vietnamese name (RFC 6266 / RFC 5987): an ASCII `filename` for old
 * clients and the UTF-8 `filename*` that browsers prefer.
 */
export function attachment(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiFileName(fileName) || 'download'}"; filename*=UTF-8''${encoded}`;
}
