import { Workbox } from 'workbox-window';

/**
 * Registers the service worker (vite-plugin-pwa, registerType 'prompt'). A new version waits until the surveyor
 * accepts the prompt; the page reloads only then (DESIGN §4 rule 11).
 */
export function registerServiceWorker(onUpdateWaiting: (apply: () => void) => void, onOfflineReady: () => void): void {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return;
  const wb = new Workbox('/sw.js', { scope: '/' });
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
