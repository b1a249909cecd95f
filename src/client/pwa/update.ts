import type { Workbox } from 'workbox-window';

/**
 * Registers the service worker (vite-plugin-pwa, registerType 'prompt'). A new version waits until the surveyor
 * accepts the prompt; the page reloads only then (DESIGN §4 rule 11).
 */
export function registerServiceWorker(onUpdateWaiting: (apply: () => void) => void, onOfflineReady: () => void): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  // workbox-window is a chunk of its own, loaded after the first screen: nothing on that screen needs it (issue #14).
  void import('workbox-window').then((m) => register(new m.Workbox('/sw.js', { scope: '/' }), onUpdateWaiting, onOfflineReady));
}

function register(wb: Workbox, onUpdateWaiting: (apply: () => void) => void, onOfflineReady: () => void): void {
  wb.addEventListener('waiting', () => {
    onUpdateWaiting(() => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  wb.addEventListener('installed', (e) => {
    if (!e.isUpdate) onOfflineReady();
  });
  void wb.register();
}
