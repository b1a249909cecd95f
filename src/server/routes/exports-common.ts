import type { FastifyReply } from 'fastify';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { errorBodySchema, problem, slugId, type CampaignIndex } from '../../shared';
import { problemError } from '../http/errors';
import type { Deps } from '../http/deps';
import { attachment } from '../services/export/format';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const campaignParams = z.object({ campaignId: slugId });

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
