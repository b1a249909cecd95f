import { useId } from 'react';
import { MAX_CODES_PER_BATCH } from '../../../shared/self-fill/code';

/**
 * The words of the issue form's count and note: the same keys in each side's catalogue, after `sf.issue.` in the
 * office's, `selfFill.issue.` in the surveyor's.
 */
export type IssueFieldsWord = 'count' | 'countHelp' | 'countInvalid' | 'note' | 'noteHelp';

/** The number of codes offered for a cell: what it still lacks, at least one, at most a batch. */
export const defaultCount = (remaining: number): string => String(Math.min(MAX_CODES_PER_BATCH, Math.max(1, remaining)));

/** The count as typed, if it is a whole number of codes a batch may hold; null otherwise. */
export function parseCount(count: string): number | null {
  const n = /^\d{1,3}$/.test(count.trim()) ? Number(count.trim()) : NaN;
  return n >= 1 && n <= MAX_CODES_PER_BATCH ? n : null;
}

/**
 * How many codes a new batch holds, and its note (issue 19), in the office's issue form and the surveyor's alike: each
 * field a label, its input and its hint (the input's description), the count's error below it once the form refused
 * it. The form around them keeps the values. One above the other; side by side in the office's `.filters` (styles.css).
 */
export function IssueFields({
  words,
  count,
  onCount,
  countError,
  note,
  onNote,
}: {
  words: (word: IssueFieldsWord) => string;
  count: string;
  onCount: (count: string) => void;
  countError: boolean;
  note: string;
  onNote: (note: string) => void;
}) {
  const ids = useId();
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
          {words('noteHelp')}
        </span>
      </div>
    </>
  );
}
