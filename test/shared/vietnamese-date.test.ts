import { describe, expect, it } from 'vitest';
import { vietnameseDate, vietnameseDateTime, vietnameseDay } from '../../src/shared';

describe('the Vietnamese date formatter (the phone and the office screens)', () => {
  it('writes a calendar day as DD/MM/YYYY', () => {
    expect(vietnameseDay('2021-11-20')).toBe('20/11/2021');
    expect(vietnameseDay('2021-01-05')).toBe('05/01/2021');
    expect(vietnameseDay('20/11/2021')).toBe('20/11/2021'); // not a YYYY-MM-DD day: as it is
  });

  it('writes an instant as DD/MM/YYYY HH:mm in Việt Nam (UTC+7), whatever zone it is given in', () => {
    expect(vietnameseDateTime('2021-11-20T03:04:00.000Z')).toBe('20/11/2021 10:04');
    expect(vietnameseDateTime('2021-11-20T10:04:59+07:00')).toBe('20/11/2021 10:04');
    expect(vietnameseDateTime(new Date('2021-11-20T03:04:00Z'))).toBe('20/11/2021 10:04');
    // 17:30 UTC on the 19th is already the 20th in Việt Nam.
    expect(vietnameseDateTime('2021-11-19T17:30:00Z')).toBe('20/11/2021 00:30');
    expect(vietnameseDate('2021-11-19T17:30:00Z')).toBe('20/11/2021');
    expect(vietnameseDate('2021-12-31T16:59:59Z')).toBe('31/12/2021');
    expect(vietnameseDate('2021-12-31T17:00:00Z')).toBe('01/01/2022');
  });

  it('leaves unreadable text as it is', () => {
    expect(vietnameseDateTime('không phải ngày')).toBe('không phải ngày');
    expect(vietnameseDate('')).toBe('');
  });
});
