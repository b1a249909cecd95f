import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import OfficeApp from '../../../src/client/office/OfficeApp';
import { I18nProvider } from '../../../src/client/i18n/i18n';
import type { AccountSummary } from '../../../src/shared';

/** Home Affairs (`qt` of startOfficeServer) as the office app sees them. */
export const adminAccount = (id: string): AccountSummary => ({
  id,
  username: 'qt',
  displayName: 'qt',
  role: 'admin',
  unitId: null,
  campaignId: 'quang-binh-2021',
});

/** The office app at `path`, in Vietnamese (or the language given), signed in as Home Affairs. */
export function renderAdmin(id: string, path: string, lang: 'vi' | 'en' = 'vi') {
  return render(
    <I18nProvider lang={lang}>
      <MemoryRouter initialEntries={[path]}>
        <OfficeApp account={adminAccount(id)} onSignOut={() => undefined} onExpired={() => undefined} />
      </MemoryRouter>
    </I18nProvider>,
  );
}
