import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter } from 'react-router-dom';
import { AppRoutes } from '../../../src/client/app/App';
import { openDeviceDb, type PhieuDb } from '../../../src/client/db/database';
import { I18nProvider } from '../../../src/client/i18n/i18n';
import { DeviceProvider } from '../../../src/client/sync/device';
import { elapse, fakeAppTimers, OfflineTransport } from '../support/app';

/** The sync triggers' regular sync (src/client/sync/triggers.ts), plus a little. */
const SYNC_INTERVAL_MS = 5 * 60_000 + 1_000;

/**
 * Issue 16: `<html lang>` is the language on screen, after a reload with English stored too (index.html says "vi"
 * until then), and the language can be chosen on the sign-in screen.
 */

let db: PhieuDb;
beforeEach(async () => {
  document.documentElement.lang = 'vi'; // as index.html serves it
  localStorage.clear();
  db = openDeviceDb(`test-${randomUUID()}`);
  await db.open();
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) =>
      url === '/api/auth/session'
        ? Response.json({ user: null })
        : Response.json({ error: 'not-found', message: 'Không có' }, { status: 404 }),
    ),
  );
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  db.close();
  await db.delete();
});

function renderApp() {
  return render(
    <I18nProvider>
      <DeviceProvider db={db} transport={new OfflineTransport()}>
        <MemoryRouter initialEntries={['/']}>
          <AppRoutes />
        </MemoryRouter>
      </DeviceProvider>
    </I18nProvider>,
  );
}

describe('<html lang> and the language on the sign-in screen', () => {
  // First in this file: English's chunk is not loaded yet, as after a reload.
  it('is "en" from the first screen shown after a reload with English stored', async () => {
    localStorage.setItem('phieu.lang', 'en');
    renderApp();
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByRole('combobox', { name: 'Language' })).toHaveProperty('value', 'en');
  });

  it('stays "vi" by default, and follows a language chosen on the sign-in screen, which is kept for the next visit', async () => {
    renderApp();
    const select = await screen.findByRole('combobox', { name: 'Ngôn ngữ' });
    expect(screen.getByRole('heading', { level: 1, name: 'Đăng nhập' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('vi');
    fireEvent.change(select, { target: { value: 'en' } });
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByLabelText('Username')).toBeTruthy();
    expect(localStorage.getItem('phieu.lang')).toBe('en');
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'vi' } });
    await screen.findByRole('heading', { level: 1, name: 'Đăng nhập' });
    expect(document.documentElement.lang).toBe('vi');
    expect(localStorage.getItem('phieu.lang')).toBe('vi');
  });

  it('asks the server’s refusal of a sign-in in the language on screen', async () => {
    const asked: (string | null)[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url === '/api/auth/session') return Response.json({ user: null });
        asked.push(new Headers(init?.headers).get('accept-language'));
        return Response.json({ error: 'invalid-credentials', message: 'Wrong username or password.' }, { status: 401 });
      }),
    );
    localStorage.setItem('phieu.lang', 'en');
    renderApp();
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'dieutra1' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/Wrong username or password/)).toBeTruthy();
    expect(asked).toEqual(['en']);
  });

  it('puts the language beside the title, laid out with the form: nothing comes above the form later', async () => {
    fakeAppTimers();
    renderApp();
    const heading = await screen.findByRole('heading', { level: 1, name: 'Đăng nhập' });
    expect(heading.parentElement?.contains(screen.getByRole('combobox', { name: 'Ngôn ngữ' }))).toBe(true);
    const main = heading.closest('main') as HTMLElement;
    const before = main.innerHTML;
    await elapse(SYNC_INTERVAL_MS); // every timer the app starts (the sync triggers' is the longest), and what follows
    expect(main.innerHTML).toBe(before);
  });
});
