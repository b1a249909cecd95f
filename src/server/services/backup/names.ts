/**
 * Names of backup folders: phieu-<UTC date>T<hour><minute>Z, with -2, -3… for a second one in the same minute; the
 * folder being written is hidden under a temporary name beside it.
 */

const BACKUP_NAME = /^phieu-\d{4}-\d{2}-\d{2}T\d{4}Z(?:-\d+)?$/;
const PARTIAL_NAME = /^\.(phieu-\d{4}-\d{2}-\d{2}T\d{4}Z(?:-\d+)?)\.partial$/;

/** phieu-2026-12-05T0630Z for 2026-12-05T06:30:12Z. */
export const backupName = (at: Date): string => `phieu-${at.toISOString().slice(0, 16).replace(':', '')}Z`;

export const partialName = (name: string): string => `.${name}.partial`;

export const isBackupName = (name: string): boolean => BACKUP_NAME.test(name);

export const isPartialName = (name: string): boolean => PARTIAL_NAME.test(name);
