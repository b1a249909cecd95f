import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      strategies: 'generateSW',
      // The surveyor decides when to update (DESIGN §4 rule 11); src/client/pwa registers with workbox-window.
      registerType: 'prompt',
      injectRegister: false,
      filename: 'sw.js',
      includeAssets: ['icons/apple-touch-icon.png'],
      manifest: {
        name: 'Phiếu — Điều tra xã hội học Chỉ số CCHC',
        short_name: 'Phiếu',
        description: 'Thu thập phiếu điều tra xã hội học xác định Chỉ số cải cách hành chính, dùng được khi không có mạng.',
        lang: 'vi',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        background_color: '#ffffff',
        theme_color: '#0b5394',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell and everything needed to fill a questionnaire; the API is never served from the cache.
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        navigateFallback: '/index.html',
        // The public results pages are the server's (no script, no app shell), like the API.
        navigateFallbackDenylist: [/^\/api\//, /^\/ket-qua(\/|$)/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    outDir: 'dist/client',
    sourcemap: true,
    rolldownOptions: {
      // src/shared is declarations (zod schemas) and pure functions: a module nothing uses stays out of the bundle,
      // so the surveyor's first screen does not carry the office's schemas. common.ts is the exception: it sets zod's
      // Vietnamese messages for everyone.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]src[\\/]shared[\\/]/.test(id) || /[\\/]src[\\/]shared[\\/]schema[\\/]common\.ts$/.test(id) },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['test/shared/**/*.test.ts', 'test/server/**/*.test.ts', 'test/lint/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'client', environment: 'jsdom', include: ['test/client/**/*.test.{ts,tsx}'] },
      },
      {
        extends: true,
        // The built PWA in Debian's chromium against the real server process (test/e2e).
        test: { name: 'e2e', environment: 'node', include: ['test/e2e/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 240_000 },
      },
    ],
  },
});
