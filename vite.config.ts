import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist/client', sourcemap: true },
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
    ],
  },
});
