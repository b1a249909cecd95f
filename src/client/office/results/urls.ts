/** The server addresses the results screen reads, posts to and links to (src/server/routes/results.ts). */
export function resultsUrls(campaignId: string) {
  const c = encodeURIComponent(campaignId);
  return {
    /** Home Affairs' live figures, the units still to appraise, the versions published. */
    live: `/api/campaigns/${c}/results`,
    /** POST { reason }: the next published version. */
    publish: `/api/campaigns/${c}/publications`,
    /** Questionnaire texts: question wordings and choice labels for the survey drill-down. */
    questionnaires: `/api/campaigns/${c}/questionnaires`,
    /** The server-rendered public page of one version (no account, no script). */
    publicPage: (version: number) => `/ket-qua/${c}?phien-ban=${version}`,
    /** One version as XLSX (no account). */
    xlsx: (version: number) => `/api/public/campaigns/${c}/results/${version}/ket-qua.xlsx`,
    /** Home Affairs' printable A4 report of one version, with the draft decision. */
    report: (version: number) => `/api/campaigns/${c}/publications/${version}/report.html`,
  };
}
