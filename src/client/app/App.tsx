import { lazy, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { usePull } from '../db/hooks';
import type { AccountSummary } from '../../shared';
import { currentSession, signOut } from '../features/auth/api';
import { LoginScreen } from '../features/auth/LoginScreen';
import { FillScreen } from '../features/fill/FillScreen';
import { StartScreen } from '../features/fill/StartScreen';
import { HomeScreen } from '../features/home/HomeScreen';
import { RosterScreen } from '../features/roster/RosterScreen';
import { I18nProvider } from '../i18n/i18n';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { DeviceProvider, useDevice } from '../sync/device';
import '../ui/styles.css';

// Coordinators', Home Affairs' and the council's screens: a chunk of their own, never loaded on a surveyor's phone.
const OfficeApp = lazy(() => import('../office/OfficeApp'));

/**
 * Routes. A surveyor's device: sign-in until it has pulled once; after that the app works offline, and asks to sign
 * in again only on a 401. Anyone else signs in to the office screens, which need the network.
 */
function Routed() {
  const { db, sync, syncNow } = useDevice();
  const pulled = usePull(db);
  const [signedOut, setSignedOut] = useState(false);
  // undefined: not asked yet; null: nobody from the office is signed in on this browser.
  const [office, setOffice] = useState<AccountSummary | null | undefined>(undefined);
  useEffect(() => {
    if (pulled !== null || office !== undefined) return;
    void currentSession().then((s) => setOffice(s && s !== 'offline' && s.account.role !== 'surveyor' ? s.account : null));
  }, [pulled, office]);
  if (pulled === undefined) return null;
  if (pulled === null && office === undefined) return null;
  if (pulled === null && office) {
    return (
      <Suspense fallback={null}>
        <OfficeApp account={office} onSignOut={() => void signOut().then(() => setOffice(null))} onExpired={() => setOffice(null)} />
      </Suspense>
    );
  }
  const needsLogin = signedOut || pulled === null || sync.last?.kind === 'auth-required';
  if (needsLogin) {
    return (
      <LoginScreen
        expired={pulled !== null && !signedOut && sync.last?.kind === 'auth-required'}
        onSignedIn={(session) => {
          setSignedOut(false);
          if (pulled === null && session.account.role !== 'surveyor') setOffice(session.account);
          else void syncNow();
        }}
      />
    );
  }
  return (
    <>
      <UpdatePrompt />
      <Routes>
        <Route path="/" element={<HomeScreen onSignOut={() => void signOut().then(() => setSignedOut(true))} />} />
        <Route path="/start/:unit/:group" element={<StartScreen />} />
        <Route path="/fill/:id" element={<FillScreen />} />
        <Route path="/roster/:unit/:group" element={<RosterScreen />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </>
  );
}

export function App() {
  return (
    <I18nProvider>
      <DeviceProvider>
        <BrowserRouter>
          <Routed />
        </BrowserRouter>
      </DeviceProvider>
    </I18nProvider>
  );
}
