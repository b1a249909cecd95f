// Loaded into the server process by the hostile benchmark (node --import tsx --import this file): on SIGUSR2 it
// collects garbage twice and prints the memory figures on one line, so that the benchmark can tell the V8 heap
// (objects still referenced) apart from memory the allocator keeps after a peak. With HOSTILE_HEAP_SNAPSHOT_DIR
// set, it also writes a heap snapshot there (to find what holds the heap).
import path from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';

// --expose-gc on the command line would be passed on to the server's worker threads, which refuse it.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

process.on('SIGUSR2', () => {
  gc();
  gc();
  const dir = process.env.HOSTILE_HEAP_SNAPSHOT_DIR;
  const snapshot = dir ? writeHeapSnapshot(path.join(dir, `hostile-${Date.now()}.heapsnapshot`)) : undefined;
  process.stdout.write(`hostile-mem ${JSON.stringify({ ...process.memoryUsage(), snapshot })}\n`);
});
