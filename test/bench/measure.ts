import { performance } from 'node:perf_hooks';

export interface Measurement {
  medianMs: number;
  minMs: number;
  runs: number;
  heapUsedMb: number;
}

/** Runs `fn` `runs` times after one warm-up; wall time per run and the heap in use after the last run. */
export async function measure(fn: () => unknown, runs: number): Promise<Measurement> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    medianMs: times[Math.floor(times.length / 2)] ?? 0,
    minMs: times[0] ?? 0,
    runs,
    heapUsedMb: process.memoryUsage().heapUsed / 2 ** 20,
  };
}

export function report(label: string, m: Measurement, note = ''): void {
  console.log(
    `${label}\n  median ${m.medianMs.toFixed(1)} ms, min ${m.minMs.toFixed(1)} ms over ${m.runs} runs; heap ${m.heapUsedMb.toFixed(0)} MB${note ? `\n  ${note}` : ''}`,
  );
}
