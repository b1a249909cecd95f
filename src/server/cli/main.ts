import { CampaignLoadError, run, UsageError } from './commands';

/** Entry point of `npx phieu …`: usage mistakes print a message and exit 2; nothing is half-done. */
try {
  await run(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError || e instanceof CampaignLoadError) {
    console.error(e.message);
    process.exitCode = 2;
  } else {
    throw e;
  }
}
