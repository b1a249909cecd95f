import type { ReactNode } from 'react';

/** A message in a coloured box; errors and warnings are announced to screen readers. */
export function Banner({ kind, children }: { kind: 'info' | 'ok' | 'warn' | 'error'; children: ReactNode }) {
  const live = kind === 'error' || kind === 'warn';
  return (
    <div className={`banner ${kind}`} role={live ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
