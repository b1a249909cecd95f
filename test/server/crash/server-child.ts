// The collection server as src/server/main.ts starts it (same data folder, same configuration from the environment),
// plus three seams for the crash campaign (test/server/crash/campaign.ts):
//   CRASH_KILL_AFTER_COMMIT  probability (0..1) that a sync push SIGKILLs this process right after its batch has
//                            committed and before its answer is sent: the device cannot know it was stored.
//   CRASH_SEED               seeds that coin, so a campaign can be replayed.
//   CRASH_EPOCH              which start of the server this is. Devices tag each request with the start whose address
//                            they used; a request that reaches another start (a port reused by the next start) is
//                            answered 503 before it can write, so the campaign knows exactly which start handled what.
// Run: node --import tsx test/server/crash/server-child.ts; it prints "crash-child listening <url>" when ready.
import { readConfig } from '../../../src/server/config';
import { openServer } from '../../../src/server/start';
import { prng } from '../../fixtures/generate-responses';
import { EPOCH_HEADER, READY_LINE } from './child-protocol';

async function main(): Promise<void> {
  const config = readConfig();
  const killProbability = Number(process.env.CRASH_KILL_AFTER_COMMIT ?? '0');
  if (!(killProbability >= 0 && killProbability <= 1))
    throw new Error(`CRASH_KILL_AFTER_COMMIT must be 0..1, got "${process.env.CRASH_KILL_AFTER_COMMIT}"`);
  const random = prng(Number(process.env.CRASH_SEED ?? '1'));
  const epoch = process.env.CRASH_EPOCH ?? '0';

  const { app, handle } = await openServer(config, {
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
    // SIGKILL to itself is delivered before kill() returns: nothing after the commit runs, not even the answer.
    afterCommit: () => {
      if (killProbability > 0 && random() < killProbability) process.kill(process.pid, 'SIGKILL');
    },
  });
  app.addHook('onRequest', async (req, reply) => {
    const wanted = req.headers[EPOCH_HEADER];
    if (wanted !== undefined && wanted !== epoch) {
      return reply.code(503).send({ error: 'wrong-epoch', message: `this is start ${epoch}, the request was for start ${String(wanted)}` });
    }
    return undefined;
  });
  app.addHook('onSend', async (_req, reply) => {
    reply.header(EPOCH_HEADER, epoch);
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`${READY_LINE}http://${config.host}:${port}`);

  const shutdown = async (): Promise<void> => {
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
}

await main();
