// The unit's signed self-assessment report (issue 15) for the tests: its address and an upload as a browser's FormData
// sends it, for the tests that submit a self-assessment of a campaign asking for it.
import type { LightMyRequestResponse } from 'fastify';
import { formBody, pdf, type Sent } from './evidence-files';
import type { Harness } from './harness';

export const signedReportUrl = (unit = 'so-tu-phap', campaign = 'quang-binh-2021') =>
  `/api/self-assessments/${campaign}/${unit}/signed-report`;

/** A small PDF standing for a scanned, signed and stamped report. */
export const signedPdf = (text = 'Bao cao tu danh gia da ky') => pdf(text);

/** Uploads (or replaces) the unit's signed report: one file by default, or the parts given. */
export async function uploadSignedReport(
  h: Harness,
  cookie: string | undefined,
  files: Sent[] = [{ name: 'Báo cáo tự đánh giá (đã ký).pdf', bytes: signedPdf() }],
  opts: { unit?: string; campaign?: string; fields?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<LightMyRequestResponse> {
  const body = await formBody(files, opts.fields);
  return h.app.inject({
    method: 'PUT',
    url: signedReportUrl(opts.unit, opts.campaign),
    headers: { ...opts.headers, ...(cookie ? { cookie } : {}), 'content-type': body.contentType },
    payload: body.payload,
  });
}
