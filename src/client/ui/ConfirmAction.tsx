import { useState } from 'react';

/**
 * A button that asks before it acts: the question and what follows are said in words, beside the button, and the
 * action runs only on the second, explicit choice. In the office and in the surveyor app alike (each says "cancel" in
 * its own catalogue).
 */
export function ConfirmAction({
  label,
  name,
  question,
  confirmLabel,
  cancelLabel,
  danger = false,
  disabled = false,
  onConfirm,
}: {
  label: string;
  /** The accessible name when the visible label alone is ambiguous (one button per table row). */
  name?: string;
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  danger?: boolean;
  disabled?: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className={danger ? 'danger' : undefined} aria-label={name} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="admin-confirm" role="group" aria-label={name ?? label}>
      <p>{question}</p>
      <div className="row">
        <button
          type="button"
          className={danger ? 'danger' : 'primary'}
          onClick={() => {
            setAsking(false);
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
