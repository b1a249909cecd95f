// Home Affairs' overview on PostgreSQL (issue 18): Phiếu backs up only the embedded SQLite file, so the backup line says
// who backs the data up instead. A file of its own: its server points fetch at a different address than the SQLite
// one of backup-line.test.tsx.
import { cleanup, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { startCluster } from '../../server/db/postgres-cluster';
import { renderAdmin } from './admin-render';
import { startOfficeServer } from './real-server';

describe('on PostgreSQL (issue 18)', () => {
  it('says the database’s own tools back it up, not Phiếu, in place of the last backup', async () => {
    const cluster = startCluster();
    const pg = await startOfficeServer(() => new Date('2021-12-20T03:00:00Z'), { postgres: cluster.url() });
    try {
      await pg.signInAs('qt');
      renderAdmin(pg.ids.admin, '/');
      await screen.findByText(/Toàn kỳ/, {}, { timeout: 15_000 });
      const line = await screen.findByText(/^Dữ liệu lưu trong PostgreSQL: sao lưu bằng pg_dump/);
      expect(line.className).toBe('muted');
      expect(screen.queryByText(/Chưa có bản sao lưu nào|Sao lưu gần nhất/)).toBeNull();
      expect(screen.queryByRole('alert')).toBeNull();
    } finally {
      cleanup();
      await pg.close();
      cluster.stop();
    }
  }, 30_000); // a cluster of its own and a server with five accounts (argon2 at its production cost)
});
