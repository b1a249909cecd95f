import { parentPort } from 'node:worker_threads';
import { indexCampaign, type CampaignBundle, type CampaignIndex } from '../../shared';
import { judgeBody, judgeResponses } from './response-check';

/**
 * A validation worker (validation-pool.ts): checks pushed responses off the request thread. The pool sends the
 * campaigns before the first job and again whenever they change; messages on a port arrive in order, so a job
 * is always checked against the campaigns the request thread had when it posted the job.
 */
export type ToWorker =
  | { kind: 'campaigns'; bundles: CampaignBundle[] }
  | { kind: 'responses'; job: number; items: unknown[] }
  /** A push body as received (UTF-8 JSON): bytes cross threads far cheaper than the items parsed from them. */
  | { kind: 'body'; job: number; bytes: Uint8Array };
export type FromWorker = { job: number; ok: true; judgements: ReturnType<typeof judgeBody> } | { job: number; ok: false; error: string };

let campaigns = new Map<string, CampaignIndex>();

parentPort?.on('message', (message: ToWorker) => {
  if (message.kind === 'campaigns') {
    campaigns = new Map(message.bundles.map((b) => [b.campaign.id, indexCampaign(b)]));
    return;
  }
  let reply: FromWorker;
  try {
    const lookup = (id: string) => campaigns.get(id);
    const judgements = message.kind === 'body' ? judgeBody(message.bytes, lookup) : judgeResponses(message.items, lookup);
    reply = { job: message.job, ok: true, judgements };
  } catch (error) {
    reply = { job: message.job, ok: false, error: String(error) };
  }
  parentPort?.postMessage(reply);
});
