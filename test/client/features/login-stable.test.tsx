import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter } from 'react-router-dom';
import { AppRoutes } from '../../../src/client/app/App';
import { openDeviceDb, type PhieuDb } from '../../../src/client/db/database';
import { I18nProvider } from '../../../src/client/i18n/i18n';
import { DeviceProvider } from '../../../src/client/sync/device';
import { elapse, fakeAppTimers, OfflineTransport, settle } from '../support/app';

/** The sync triggers' regular sync (src/client/sync/triggers.ts), plus a little. */
const SYNC_INTERVAL_MS = 5 * 60_000 + 1_000;

/**
 * Issue 14, the first sign-in screen: it asks who is signed in without a request that can fail (GET /api/auth/session,
 * 200 { user: null }), sends no sync before anyone signs in, and nothing appears above its form once shown.
 */

let db: PhieuDb;
let transport: OfflineTransport;
let calls: string[];
beforeEach(async () => {
  db = openDeviceDb(`test-${randomUUID()}`);
  await db.open();
  transport = new OfflineTransport();
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${url}`);
      if (url === '/api/auth/session') return Response.json({ user: null });
      if (url === '/api/auth/login')
        return Response.json({ error: 'invalid-credentials', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' }, { status: 401 });
      return Response.json({ error: 'not-found', message: 'Không có' }, { status: 404 });
    }),
  );
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

function renderApp() {
  return render(
    <I18nProvider>
      <DeviceProvider db={db} transport={transport}>
        <MemoryRouter initialEntries={['/']}>
          <AppRoutes />
        </MemoryRouter>
      </DeviceProvider>
    </I18nProvider>,
  );
}

const after = (a: Element, b: Element) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_PRECEDING) !== 0;

describe('the first sign-in screen', () => {
  it('asks /api/auth/session, never /api/auth/me, and syncs nothing before anyone signs in', async () => {
    fakeAppTimers();
    renderApp();
    await screen.findByRole('heading', { level: 1, name: 'Đăng nhập' });
    await elapse(SYNC_INTERVAL_MS); // the start-up sync and the regular one: neither goes out
    await act(async () => void window.dispatchEvent(new Event('online')));
    await settle();
    expect(calls).toEqual(['GET /api/auth/session']);
    expect(transport.calls).toBe(0);
  });

  it('shows a refusal below the button, where it moves nothing', async () => {
    renderApp();
    await screen.findByRole('heading', { level: 1, name: 'Đăng nhập' });
    fireEvent.change(screen.getByLabelText('Tên đăng nhập'), { target: { value: 'dieutra1' } });
    fireEvent.change(screen.getByLabelText('Mật khẩu'), { target: { value: 'sai' } });
    const submit = screen.getByRole('button', { name: 'Đăng nhập' });
    fireEvent.click(submit);
    const refusal = await screen.findByText(/Tên đăng nhập hoặc mật khẩu không đúng/);
    expect(after(refusal, submit)).toBe(true);
    expect(after(refusal, screen.getByRole('button', { name: 'Đăng nhập' }))).toBe(true);
  });

  it('without a network, says so from its first paint, and says it again in the same place when signing in fails for it', async () => {
    vi.spyOn(window.navigator, 'onLine', 'get').mockReturnValue(false);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    renderApp();
    const heading = await screen.findByRole('heading', { level: 1, name: 'Đăng nhập' });
    const note = heading.closest('main')?.querySelector('.banner') as HTMLElement;
    expect(note.textContent).toMatch(/^Cần có mạng để đăng nhập lần đầu/);
    expect(note.className).toBe('banner info');
    fireEvent.change(screen.getByLabelText('Tên đăng nhập'), { target: { value: 'dieutra1' } });
    fireEvent.change(screen.getByLabelText('Mật khẩu'), { target: { value: 'mat-khau' } });
    fireEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));
    await waitFor(() => expect((heading.closest('main')?.querySelector('.banner') as HTMLElement).className).toBe('banner error'));
    await settle();
    // The same words, now as the error: no second copy below.
    expect(note.isConnected).toBe(true);
    expect(heading.closest('main')?.querySelectorAll('.banner')).toHaveLength(1);
    expect((heading.closest('main')?.querySelector('.banner') as HTMLElement).className).toBe('banner error');
  });
});
