import { lazy, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useNavigate } from 'react-router-dom';
import { usePull } from '../db/hooks';
import type { AccountSummary } from '../../shared/api/auth';
import { currentSession, signOut } from '../features/auth/api';
import { LoginScreen } from '../features/auth/LoginScreen';
import { setSignedOutState, signedOutState, type SignedOut } from '../features/auth/offline-unlock';
import { HomeScreen } from '../features/home/HomeScreen';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { DeviceProvider, useDevice } from '../sync/device';
import type { SyncOutcome } from '../sync/engine';
import '../ui/styles.css';

// Coordinators', Home Affairs' and the council's screens: a chunk of their own, never loaded on a surveyor's phone.
const OfficeApp = lazy(() => import('../office/OfficeApp'));
// The surveyor's screens after the first one (sign-in, home) come in chunks of their own, so that first screen needs
// less script (issue #14); the service worker precaches them for offline use all the same.
const StartScreen = lazy(() => import('../features/fill/StartScreen').then((m) => ({ default: m.StartScreen })));
const FillScreen = lazy(() => import('../features/fill/FillScreen').then((m) => ({ default: m.FillScreen })));
const RosterScreen = lazy(() => import('../features/roster/RosterScreen').then((m) => ({ default: m.RosterScreen })));
// Self-fill codes for an assigned cell (issue 19): online only, with the sheet of slips; never on the first screen.
const SelfFillScreen = lazy(() => import('../features/self-fill/SelfFillScreen').then((m) => ({ default: m.SelfFillScreen })));
const SignOutScreen = lazy(() => import('../features/auth/SignOutScreen').then((m) => ({ default: m.SignOutScreen })));
// Toasts over the screen, after the service worker's events: nothing to lay out while its chunk loads.
const UpdatePrompt = lazy(() => import('../pwa/UpdatePrompt').then((m) => ({ default: m.UpdatePrompt })));

/** What shows while a screen's chunk loads (from the service worker's cache: a moment). */
function Loading() {
  const { t } = useI18n();
  return <main>{t('common.loading')}</main>;
}

/**
 * Routes. A surveyor's device: sign-in until it has pulled once; after that the app works offline, and asks to sign
 * in again only on a 401 or after "Đăng xuất" (asked first, on its own screen). Signed out stays signed out across a
 * reload; the person who last signed in can open the app again without a network (features/auth/offline-unlock.ts).
 * Anyone else signs in to the office screens, which need the network.
 */
export function AppRoutes() {
  const { db, sync, syncNow } = useDevice();
  const navigate = useNavigate();
  const pulled = usePull(db);
  // undefined: not read yet; null: signed in (or never signed out) on this device.
  const [signedOut, setSignedOut] = useState<SignedOut | null | undefined>(undefined);
  // A 401 answered by signing in or opening offline: the login screen waits for the next sync's own answer.
  const [handledAuth, setHandledAuth] = useState<SyncOutcome | undefined>(undefined);
  // undefined: not asked yet; null: nobody from the office is signed in on this browser.
  const [office, setOffice] = useState<AccountSummary | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    signedOutState(db).then(
      (s) => live && setSignedOut(s),
      () => live && setSignedOut(null),
    );
    return () => {
      live = false;
    };
  }, [db]);
  useEffect(() => {
    if (pulled !== null || office !== undefined) return;
    void currentSession().then((s) => setOffice(s && s !== 'offline' && s.account.role !== 'surveyor' ? s.account : null));
  }, [pulled, office]);
  // Signed out without a network: once a sync has run with the network back (the responses waiting were sent with the
  // session still open), the server is told too.
  const lastKind = sync.last?.kind;
  useEffect(() => {
    if (signedOut?.server !== 'pending' || (lastKind !== 'done' && lastKind !== 'auth-required')) return;
    let live = true;
    void signOut().then(async (reached) => {
      if (!reached) return;
      const done: SignedOut = { ...signedOut, server: 'done' };
      await setSignedOutState(db, done).catch(() => undefined); // told again next time: harmless
      if (live) setSignedOut(done);
    });
    return () => {
      live = false;
    };
  }, [db, signedOut, lastKind]);

  if (pulled === undefined || signedOut === undefined) return null;
  if (pulled === null && office === undefined) return null;
  if (pulled === null && office) {
    return (
      <Suspense fallback={null}>
        <OfficeApp account={office} onSignOut={() => void signOut().then(() => setOffice(null))} onExpired={() => setOffice(null)} />
      </Suspense>
    );
  }
  const authRequired = sync.last?.kind === 'auth-required' && sync.last !== handledAuth;
  if (signedOut !== null || pulled === null || authRequired) {
    return (
      <LoginScreen
        firstTime={pulled === null}
        expired={pulled !== null && signedOut === null && authRequired}
        signedOut={signedOut !== null}
        onSignedIn={(session) => {
          setSignedOut(null);
          setHandledAuth(sync.last);
          if (pulled === null && session.account.role !== 'surveyor') setOffice(session.account);
          else void syncNow();
        }}
        onUnlocked={() => {
          setSignedOut(null);
          setHandledAuth(sync.last);
        }}
      />
    );
  }
  return (
    <>
      <Suspense fallback={null}>
        <UpdatePrompt />
      </Suspense>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<HomeScreen onSignOut={() => navigate('/sign-out')} />} />
          <Route
            path="/sign-out"
            element={
              <SignOutScreen
                onCancel={() => navigate('/')}
                onSignedOut={(state) => (setSignedOut(state), navigate('/', { replace: true }))}
              />
            }
          />
          <Route path="/start/:unit/:group" element={<StartScreen />} />
          <Route path="/fill/:id" element={<FillScreen />} />
          <Route path="/roster/:unit/:group" element={<RosterScreen />} />
          <Route path="/self-fill/:unit/:group" element={<SelfFillScreen />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </Suspense>
    </>
  );
}

export function App() {
  return (
    <I18nProvider>
      <DeviceProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </DeviceProvider>
    </I18nProvider>
  );
}
