import { useId } from 'react';
import type { IssueBatchRequest } from '../../../shared/api/self-fill';
import { MAX_CODES_PER_BATCH } from '../../../shared/self-fill/code';
import { format, useI18n } from '../../i18n/i18n';
import { issueFieldsEn, issueFieldsVi, type IssueFieldsKey } from './text';

/** The number of codes offered for a cell: what it still lacks, at least one, at most a batch. */
export const defaultCount = (remaining: number): string => String(Math.min(MAX_CODES_PER_BATCH, Math.max(1, remaining)));

/** The count as typed, if it is a whole number of codes a batch may hold; null otherwise. */
export function parseCount(count: string): number | null {
  const n = /^\d{1,3}$/.test(count.trim()) ? Number(count.trim()) : NaN;
  return n >= 1 && n <= MAX_CODES_PER_BATCH ? n : null;
}

/**
 * The request of a batch for a cell from the form's count and note as typed (the note trimmed, left out when empty); null
 * if the count is not one a batch may hold.
 */
export function issueRequest(unitId: string, groupId: string, count: string, note: string): IssueBatchRequest | null {
  const n = parseCount(count);
  if (n === null) return null;
  const trimmed = note.trim();
  return { unitId, groupId, count: n, ...(trimmed ? { note: trimmed } : {}) };
}

/**
 * How many codes a new batch holds, and its note (issue 19), in the office's issue form and the surveyor's alike: each
 * field a label, its input and its hint (the input's description), the count's error below it once the form refused
 * it. The form around them keeps the values. One above the other; side by side in the office's `.filters` (styles.css).
 * Their words are their own (text.ts) in the app's language, but the note's hint: who sees the note differs by side.
 */
export function IssueFields({
  noteHelp,
  count,
  onCount,
  countError,
  note,
  onNote,
}: {
  noteHelp: string;
  count: string;
  onCount: (count: string) => void;
  countError: boolean;
  note: string;
  onNote: (note: string) => void;
}) {
  const ids = useId();
  const { lang } = useI18n();
  const words = (key: IssueFieldsKey) => format((lang === 'en' ? issueFieldsEn : issueFieldsVi)[key], { max: MAX_CODES_PER_BATCH });
  return (
    <>
      <div className="sf-issue-field">
        <label htmlFor={`${ids}-count`}>{words('count')}</label>
        <input
          id={`${ids}-count`}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_CODES_PER_BATCH}
          step={1}
          value={count}
          aria-invalid={countError || undefined}
          aria-describedby={`${ids}-count-help${countError ? ` ${ids}-count-error` : ''}`}
          onChange={(e) => onCount(e.target.value)}
        />
        <span className="admin-hint muted" id={`${ids}-count-help`}>
          {words('countHelp')}
        </span>
        {countError && (
          <span className="admin-field-error" id={`${ids}-count-error`}>
            {words('countInvalid')}
          </span>
        )}
      </div>
      <div className="sf-issue-field">
        <label htmlFor={`${ids}-note`}>{words('note')}</label>
        <input
          id={`${ids}-note`}
          type="text"
          maxLength={200}
          value={note}
          autoComplete="off"
          aria-describedby={`${ids}-note-help`}
          onChange={(e) => onNote(e.target.value)}
        />
        <span className="admin-hint muted" id={`${ids}-note-help`}>
          {noteHelp}
        </span>
      </div>
    </>
  );
}
