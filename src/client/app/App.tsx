import { useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { usePull } from '../db/hooks';
import { signOut } from '../features/auth/api';
import { LoginScreen } from '../features/auth/LoginScreen';
import { FillScreen } from '../features/fill/FillScreen';
import { StartScreen } from '../features/fill/StartScreen';
import { HomeScreen } from '../features/home/HomeScreen';
import { RosterScreen } from '../features/roster/RosterScreen';
import { I18nProvider } from '../i18n/i18n';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { DeviceProvider, useDevice } from '../sync/device';
import '../ui/styles.css';

/** Routes: sign-in until the device has pulled once; after that the app works offline, and asks to sign in again only on a 401. */
function Routed() {
  const { db, sync, syncNow } = useDevice();
  const pulled = usePull(db);
  const [signedOut, setSignedOut] = useState(false);
  if (pulled === undefined) return null;
  const needsLogin = signedOut || pulled === null || sync.last?.kind === 'auth-required';
  if (needsLogin) {
    return (
      <LoginScreen
        expired={pulled !== null && !signedOut && sync.last?.kind === 'auth-required'}
        onSignedIn={() => {
          setSignedOut(false);
          void syncNow();
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
