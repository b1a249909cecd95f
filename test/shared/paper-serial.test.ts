import { describe, expect, it } from 'vitest';
import { normalisePaperSerial } from '../../src/shared';

describe('normalisePaperSerial (the phone and the server compare serials with it)', () => {
  it('makes " tp-0001 " and "TP-0001" the same paper form', () => {
    expect(normalisePaperSerial(' tp-0001 ')).toBe('TP-0001');
    expect(normalisePaperSerial('TP-0001')).toBe('TP-0001');
    expect(normalisePaperSerial(' tp-0001 ')).toBe(normalisePaperSerial('TP-0001'));
  });

  it('trims every kind of space, and writes a run of spaces inside as one', () => {
    expect(normalisePaperSerial('\t QB 0012\u00a0\n')).toBe('QB 0012');
    expect(normalisePaperSerial('QB   0012')).toBe('QB 0012');
    expect(normalisePaperSerial('QB\u3000\u00a00012')).toBe('QB 0012');
  });

  it('compares Vietnamese letters typed composed or decomposed (Unicode NFC), in either case', () => {
    const composed = 'Đà-Ẵ-01'; // U+0110, U+00E0 / U+1EB4
    const decomposed = 'đa\u0300-a\u0306\u0303-01';
    expect(decomposed).not.toBe(composed);
    expect(normalisePaperSerial(decomposed)).toBe(normalisePaperSerial(composed));
    expect(normalisePaperSerial(decomposed)).toBe('ĐÀ-Ẵ-01'.normalize('NFC'));
    expect(normalisePaperSerial(decomposed)).toBe(normalisePaperSerial(decomposed).normalize('NFC'));
  });

  it('keeps what tells two forms apart: digits, punctuation, zeros', () => {
    expect(normalisePaperSerial('TP-0001')).not.toBe(normalisePaperSerial('TP-001'));
    expect(normalisePaperSerial('TP-0001')).not.toBe(normalisePaperSerial('TP0001'));
    expect(normalisePaperSerial('TP-0001')).not.toBe(normalisePaperSerial('TP-0002'));
  });

  it('is idempotent and leaves nothing but spaces empty', () => {
    for (const s of [' tp-0001 ', 'ĐÀ-01', 'a  b', 'ß-1'])
      expect(normalisePaperSerial(normalisePaperSerial(s))).toBe(normalisePaperSerial(s));
    expect(normalisePaperSerial('   ')).toBe('');
  });
});
