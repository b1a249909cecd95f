import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { constants as zlib } from 'node:zlib';
import { z } from 'zod';
import { errorBodySchema, problem, slugId, type CampaignIndex } from '../../shared';
import { problemError } from '../http/errors';
import type { Deps } from '../http/deps';
import { attachment } from '../services/export/format';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const campaignParams = z.object({ campaignId: slugId });

/**
 * How a large text download is compressed when the client takes it: Brotli at quality 1 (gzip at level 1 for a
 * client without Brotli). The API's own settings (Brotli 5, gzip 6) are for small JSON answers; on a 53 MB CSV of
 * 100,000 responses they cost 0.5–0.75 s of CPU, more than encoding the file. Quality 1 takes about 0.13 s of it and
 * still sends about a sixth of the bytes (6.4×; gzip 1: 0.17 s, 5.7×).
 */
export const DOWNLOAD_COMPRESSION = {
  brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } },
  zlibOptions: { level: 1 },
};

/** 4xx answers of every download, documented in the OpenAPI document. */
export const errorResponses = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema } as const;

/** A file answer in the OpenAPI document: its media type and what it holds. */
export const fileResponse = (type: string, description: string) => ({
  description,
  content: {
    [type]: {
      schema: z
        .string()
        .meta({ format: type.startsWith('text/') ? undefined : 'binary' })
        .describe(description),
    },
  },
});

export function campaignOf(deps: Deps, campaignId: string): CampaignIndex {
  const campaign = deps.registry.get(campaignId);
  if (!campaign) throw problemError(problem('campaigns.not-found', { campaign: campaignId }));
  return campaign;
}

/** Headers of a download: its type, its name, and never cached (personal data). */
export function downloadHeaders(reply: FastifyReply, type: string, fileName: string): void {
  reply.header('content-type', type).header('content-disposition', attachment(fileName)).header('cache-control', 'no-store');
}

/**
 * Sends a file body as it is: a stream (piped with the client's backpressure) or a string, or nothing for HEAD. The
 * zod serializer only handles JSON bodies, so the typed reply would not take these.
 */
export function sendBody(reply: FastifyReply, body?: Readable | string): FastifyReply {
  return reply.send(body);
}
