import { checkResponse, scoreSurvey } from '../../src/shared';
import { loadIndex, referenceCampaignDir } from '../fixtures/campaigns';
import { generateResponses } from '../fixtures/generate-responses';
import { measure, report } from './measure';

/** Survey scores for every unit of the reference campaign, and the shared response check used by sync. */
export async function scoringBench(): Promise<void> {
  const index = await loadIndex(referenceCampaignDir);
  for (const n of [1_000, 100_000]) {
    const responses = generateResponses(index, n, 7);
    const m = await measure(() => scoreSurvey(index, responses), 3);
    report(
      `scoreSurvey, ${index.bundle.campaign.units.length} units, ${n.toLocaleString('en')} responses`,
      m,
      'budget (issue 5): < 2 s for 100,000',
    );
  }
  const sample = generateResponses(index, 20_000, 11);
  const m = await measure(() => {
    for (const r of sample) if (!checkResponse(r, index).ok) throw new Error('generated response should be valid');
  }, 3);
  report(`checkResponse (zod + engine), 20,000 responses: ${((m.medianMs * 1000) / sample.length).toFixed(1)} µs each`, m);
}
