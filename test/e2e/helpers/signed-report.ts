/** A small PDF standing for a unit's scanned, signed and stamped self-assessment report (issue 15). */
export const SIGNED_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n% Bao cao tu danh gia da ky, dong dau\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

/** Uploads (or replaces) a unit's signed report through the API, as a browser's FormData sends it; throws unless 200. */
export async function uploadSignedReport(serverUrl: string, cookie: string, campaignId: string, unitId: string): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(SIGNED_PDF)], { type: 'application/pdf' }), 'Báo cáo tự đánh giá (đã ký).pdf');
  const res = await fetch(`${serverUrl}/api/self-assessments/${campaignId}/${unitId}/signed-report`, {
    method: 'PUT',
    headers: { cookie },
    body: form,
  });
  if (res.status !== 200) throw new Error(`signed report of ${unitId}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
}
