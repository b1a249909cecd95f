// The ingest part of `npm run bench` alone: npx tsx test/bench/ingest/run.ts
import { ingestBench } from '../ingest.bench';

console.log(`Phiếu ingest benchmark — Node ${process.version}, ${new Date().toISOString()}\n`);
await ingestBench();
