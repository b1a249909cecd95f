import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PAGE_LABELS,
  failedChecks,
  prepareSignedInDevice,
  runColdSignIn,
  runSignedIn,
  saveReport,
  type LighthousePage,
  type LighthouseRun,
  type SignedInDevice,
} from './helpers/lighthouse';
import { closeWorkspace, openWorkspace, type RunningServer } from './helpers/server';

/**
 * Issue 14: Lighthouse (12, pinned) on the built PWA in Debian's Chromium, mobile, for the sign-in page (a cold first
 * visit on a fresh profile), the signed-in home and a questionnaire page (both warm: signed in as dieutra1, the
 * service worker controlling them; see helpers/lighthouse.ts). Asserted here only what does not depend on the
 * machine's speed: accessibility 100, best practices 100, no layout shift (CLS exactly 0, and no shift in the trace),
 * text compression and no console errors.
 * The performance score and the timings are figures: `BENCHES=lighthouse npm run bench`.
 */

const PASSWORD = 'mat-khau-e2e-lighthouse';

let tmp: string;
let server: RunningServer | undefined;
let device: SignedInDevice | undefined;

beforeAll(async () => {
  ({ tmp, server } = await openWorkspace('phieu-e2e-lighthouse-', PASSWORD));
}, 240_000);

afterAll(async () => {
  await device?.browser.close();
  await closeWorkspace({ server, tmp });
}, 60_000);

/** The signed-in profile, prepared once for the two signed-in pages. */
async function signedIn(): Promise<SignedInDevice> {
  device ??= await prepareSignedInDevice(server?.url ?? '', path.join(tmp, 'profile-signed-in'), PASSWORD);
  return device;
}

/** Fails with every check that did not hold, each with its audits' details; the report is kept under test-results/. */
function expectChecks(run: LighthouseRun, page: LighthousePage): void {
  const { lhr } = run;
  const failures = failedChecks(run);
  if (failures.length === 0) return;
  const report = saveReport(lhr, `e2e-${page}`);
  const message = [
    `Lighthouse ${lhr.lighthouseVersion} on the ${PAGE_LABELS[page]}: ${failures.length} check${failures.length === 1 ? '' : 's'} failed`,
    ...failures,
    `  (the whole report: ${path.relative(process.cwd(), report)}, opens in https://googlechrome.github.io/lighthouse/viewer/)`,
  ].join('\n');
  expect(failures.length, message).toBe(0);
}

describe('Lighthouse on the surveyor’s pages (mobile)', () => {
  it('sign-in page, signed out, cold first visit: accessibility 100, best practices 100, no layout shift, text compressed, no console error', async () => {
    const run = await runColdSignIn(server?.url ?? '', path.join(tmp, 'profile-sign-in'), 'checks');
    expectChecks(run, 'sign-in');
  });

  it('home, signed in as dieutra1 (warm, service worker): accessibility 100, best practices 100, no layout shift, text compressed, no console error', async () => {
    const run = await runSignedIn(await signedIn(), 'home', 'checks');
    expectChecks(run, 'home');
  });

  it('questionnaire page of a new draft (warm, service worker): accessibility 100, best practices 100, no layout shift, text compressed, no console error', async () => {
    const run = await runSignedIn(await signedIn(), 'fill', 'checks');
    expectChecks(run, 'fill');
  });
});
