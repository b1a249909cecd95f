import type { Campaign, Unit } from '../schema/campaign';

/**
 * The printed self-assessment report's place and signature (Nghị định 30/2020/NĐ-CP: địa danh, thẩm quyền và chức vụ
 * người ký), from the campaign data: the unit's own, else its level's, else the campaign's province and a neutral
 * "THỦ TRƯỞNG CƠ QUAN". Nothing here names a province or a kind of body.
 */

/** The lines above the signature when neither the unit nor its level says who signs. */
export const DEFAULT_SIGNATURE_BLOCK: readonly string[] = ['THỦ TRƯỞNG CƠ QUAN'];

export interface ReportSigning {
  /** Địa danh before the date: "Minh Hóa, ngày … tháng … năm …". */
  place: string;
  /** The lines above the signature, e.g. ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]. */
  signatureBlock: string[];
}

export function reportSigning(
  campaign: Pick<Campaign, 'province' | 'unitLevels'>,
  unit: Pick<Unit, 'level' | 'place' | 'signatureBlock'>,
): ReportSigning {
  const level = campaign.unitLevels.find((l) => l.id === unit.level);
  return {
    place: unit.place ?? campaign.province,
    signatureBlock: [...(unit.signatureBlock ?? level?.signatureBlock ?? DEFAULT_SIGNATURE_BLOCK)],
  };
}

/** Whether units of this level must upload their signed report before submitting (campaign data, `optional` by default). */
export function signedReportRequired(campaign: Pick<Campaign, 'unitLevels'>, unit: Pick<Unit, 'level'>): boolean {
  return campaign.unitLevels.find((l) => l.id === unit.level)?.signedReport === 'required';
}

/** The first bytes of every PDF file ("%PDF-1.7"): the signed report is accepted only with them at its very start. */
export const PDF_MAGIC = '%PDF-';
