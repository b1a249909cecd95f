import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';

let host: HTMLElement | null = null;

/**
 * One fixed strip at the top of the screen that every toast goes into, outside the app's root: whatever screen is
 * shown, toasts stack there (styles.css). A polite live region, which also makes it a region for axe.
 */
function toastHost(): HTMLElement {
  if (host?.isConnected) return host;
  host = document.createElement('div');
  host.className = 'toasts';
  host.setAttribute('aria-live', 'polite');
  document.body.append(host);
  return host;
}

/**
 * A notice that arrives after the screen is shown (the app ready offline, an update, a sync's outcome): fixed at the
 * top, over the content instead of inserted into it, so that it never pushes what the surveyor is reading or about to
 * tap (issue 14: a banner inserted at the top moved the whole home screen). Errors and warnings are alerts. With
 * `onClose`, a "Đóng" button (its words in `closeLabel`) puts it away. Give it a `key` that changes with its words:
 * other words are then another notice, announced as such, and never one growing in place over the next.
 */
export function Toast({
  kind,
  children,
  onClose,
  closeLabel,
}: {
  kind: 'info' | 'ok' | 'warn' | 'error';
  children: ReactNode;
  onClose?: () => void;
  closeLabel?: string;
}) {
  const live = kind === 'error' || kind === 'warn';
  return createPortal(
    <div className={`banner ${kind} toast`} role={live ? 'alert' : 'status'}>
      <div className="toast-text">{children}</div>
      {onClose && (
        <button type="button" className="toast-close" onClick={onClose}>
          {closeLabel}
        </button>
      )}
    </div>,
    toastHost(),
  );
}
