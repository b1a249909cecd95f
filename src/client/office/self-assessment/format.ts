import { useMemo } from 'react';
import { vnDay } from '../../../shared/quota/schedule';
import { useText } from '../text';

/** Times, dates and points of the self-assessment screens, the vi-VN way, in Vietnam's time whatever the computer's zone. */
export function useSaFormat() {
  const { lang, number, dateTime, day } = useText();
  const clock = useMemo(
    () =>
      new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
        timeZone: 'Asia/Ho_Chi_Minh',
      }),
    [lang],
  );
  return {
    /** hh:mm */
    time: (at: Date | string) => clock.format(typeof at === 'string' ? new Date(at) : at),
    dateTime: (iso: string) => dateTime(iso),
    /** A calendar day "YYYY-MM-DD" as dd/mm/yyyy. */
    day,
    /** Points with at most two decimals (1,5 · 0,25). */
    points: (n: number) => number(Math.round(n * 100) / 100),
    /** The Vietnamese calendar day of an instant, "YYYY-MM-DD". */
    vnDay: (at: Date) => vnDay(at),
  };
}
