/**
 * A paper form's serial as it is compared, on the phone (one serial per unit × group on a device) and on the server
 * (the duplicate-serial review flag): Unicode NFC, no space around, runs of spaces inside as one, upper case. So
 * " tp-0001 ", "TP-0001" and "tp-0001" typed with a decomposed keyboard are the same paper form.
 */
export function normalisePaperSerial(serial: string): string {
  // NFC first so trimming and casing see composed letters; again last, since upper-casing may decompose one.
  return serial.normalize('NFC').trim().replace(/\s+/gu, ' ').toUpperCase().normalize('NFC');
}
