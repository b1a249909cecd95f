import { readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * The ingest bench's load generator, kept cheap because it shares the machine with the server it measures: bodies
 * are serialised once before the clock starts, each device keeps one keep-alive connection (node:http, no fetch
 * layers), and the answer is parsed only to check every item was accepted.
 */
export class Devices {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(
    base: string,
    private readonly cookie: string,
    devices: number,
  ) {
    this.url = new URL('/api/sync/responses', base);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: devices });
  }

  /** Pushes one pre-serialised batch; resolves with its latency in ms once the answer is read, and checks it. */
  push(body: Buffer, expected: number): Promise<number> {
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': body.length, cookie: this.cookie },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const ms = performance.now() - t0;
            try {
              const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { results?: { status: string }[] };
              const results = json.results ?? [];
              if (res.statusCode !== 200 || results.length !== expected || results.some((r) => r.status !== 'accepted')) {
                throw new Error(`batch not accepted: ${res.statusCode} ${JSON.stringify(json).slice(0, 300)}`);
              }
              resolve(ms);
            } catch (error) {
              reject(error as Error);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * CPU seconds (user + system) a process has used so far, all its threads, or with `thread` only that thread (the
 * main thread's id is the process id); undefined where /proc is not there.
 */
export function processCpuSeconds(pid: number, thread?: number): number | undefined {
  try {
    // Fields after the command name (which is in parentheses and may hold spaces): utime is the 12th, stime the 13th.
    const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

/** CPU seconds this process (the load generator) has used so far. */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}
