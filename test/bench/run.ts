// `npm run bench`: prints figures; nothing here asserts a time.
import { backupBench } from './backup.bench';
import { clientBench } from './client.bench';
import { crashBench } from './crash.bench';
import { exportBench, exportPostgresBench } from './export.bench';
import { hostileBench } from './hostile.bench';
import { ingestBench } from './ingest.bench';
import { lighthouseBench } from './lighthouse.bench';
import { respondentBench } from './respondent.bench';
import { resultsBench } from './results.bench';
import { scoringBench } from './scoring.bench';
import { startBench } from './start.bench';

console.log(`Phiếu benchmarks — Node ${process.version}, ${new Date().toISOString()}\n`);
// A bench that cannot run here says so and the others still run: the run ends with every figure it could take.
const benches: [string, () => Promise<void>][] = [
  ['server start', startBench],
  ['scoring', scoringBench],
  ['backup', backupBench],
  ['ingest', ingestBench],
  ['export', exportBench],
  ['export postgres', exportPostgresBench],
  ['results', resultsBench],
  ['client', clientBench],
  ['lighthouse', lighthouseBench],
  ['respondent', respondentBench],
  ['crash campaign', crashBench],
  ['hostile input', hostileBench],
];
// BENCHES=client,results (a comma-separated list) runs only those.
const only = process.env.BENCHES?.split(',').map((b) => b.trim());
let failed = 0;
for (const [name, bench] of benches) {
  if (only && !only.includes(name)) continue;
  try {
    await bench();
  } catch (e) {
    failed += 1;
    console.log(`(the ${name} bench could not run to the end: ${e instanceof Error ? e.message : String(e)})`);
  }
  console.log('');
}
if (failed > 0) console.log(`${failed} of ${benches.length} benches could not run to the end; their figures above are those they took.`);
