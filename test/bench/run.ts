// `npm run bench`: prints figures; nothing here asserts a time.
import { clientBench } from './client.bench';
import { crashBench } from './crash.bench';
import { exportBench } from './export.bench';
import { hostileBench } from './hostile.bench';
import { ingestBench } from './ingest.bench';
import { resultsBench } from './results.bench';
import { scoringBench } from './scoring.bench';

console.log(`Phiếu benchmarks — Node ${process.version}, ${new Date().toISOString()}\n`);
await scoringBench();
console.log('');
await ingestBench();
console.log('');
await exportBench();
console.log('');
await resultsBench();
console.log('');
await clientBench();
console.log('');
await crashBench();
console.log('');
await hostileBench();
