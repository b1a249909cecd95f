import { useEffect, useMemo, useRef, useState } from 'react';
import type { IssuedBatch } from '../../../shared/api/self-fill';
import { vietnameseDay } from '../../../shared/format/vietnamese-date';
import { useI18n } from '../../i18n/i18n';
import { Banner } from '../Banner';
import { ConfirmAction } from '../ConfirmAction';
import { saveFile } from '../save-file';
import { cleanQrs, pageCount, sheetDocument, sheetFileName, SLIP_CSS, SLIPS_PER_PAGE, slipsMarkup } from './slips';
import { sheetText, sheetVi } from './text';

/**
 * While a sheet is shown, printing gives the sheet alone at its own size: the page's column (the surveyor app's
 * 720 px, the office's) and its padding are let go of. Everything else on the screen is `no-print`.
 */
const PRINT_CSS = '@media print { main { max-width: none !important; padding: 0 !important; margin: 0 !important; } }';

/**
 * A batch just issued (issue 19), in the office and in the surveyor app alike: its sheet of slips, to print now or
 * save as a file to print later. The plain codes exist only here, so the screen says so, asks before the tab closes,
 * and asks again before the sheet is closed.
 */
export function IssuedSheet({ issued, onClose }: { issued: IssuedBatch; onClose: () => void }) {
  const { lang, number } = useI18n();
  const t = sheetText(lang);
  const qrs = useMemo(() => cleanQrs(issued), [issued]);
  const markup = useMemo(() => slipsMarkup(issued, qrs), [issued, qrs]);
  const badQrs = qrs.filter((q) => q === null).length;
  const [saved, setSaved] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  const download = () => {
    const name = sheetFileName(issued);
    // The file's own note is in Vietnamese, as its slips are.
    const html = sheetDocument(issued, qrs, sheetVi.downloadWarn);
    saveFile({ blob: new Blob([html], { type: 'text/html;charset=utf-8' }), name });
    setSaved(name);
  };

  return (
    <section aria-labelledby="sf-sheet-title">
      <div className="no-print">
        <h2 id="sf-sheet-title" ref={heading} tabIndex={-1}>
          {t('title', { unit: issued.unitName, group: issued.groupName })}
        </h2>
        <p>
          <strong>{t('summary', { count: number(issued.codes.length), lastDay: vietnameseDay(issued.batch.lastDay) })}</strong>
          {issued.batch.note && (
            <>
              {' · '}
              {t('note', { note: issued.batch.note })}
            </>
          )}
        </p>
        <Banner kind="warn">{t('once')}</Banner>
        {badQrs > 0 && <Banner kind="warn">{t('badQr', { count: number(badQrs) })}</Banner>}
        <p className="muted">{t('printHelp', { perPage: SLIPS_PER_PAGE, pages: number(pageCount(issued.codes.length)) })}</p>
        <div className="row">
          <button type="button" className="primary" onClick={() => window.print()}>
            {t('print')}
          </button>
          <button type="button" onClick={download}>
            {t('download')}
          </button>
          <ConfirmAction
            label={t('close')}
            question={t('closeQuestion')}
            confirmLabel={t('closeConfirm')}
            cancelLabel={t('cancel')}
            onConfirm={onClose}
          />
        </div>
        <p className="muted">{t('downloadWarn')}</p>
        {saved && <Banner kind="ok">{t('downloaded', { name: saved })}</Banner>}
      </div>
      <style>{`${SLIP_CSS}\n${PRINT_CSS}`}</style>
      <div className="sf-sheet-wrap">
        {/* The slips' markup is built from escaped text and cleaned QR drawings (slips.ts, qr.ts). */}
        <div className="sf-sheet" role="region" aria-label={t('preview')} dangerouslySetInnerHTML={{ __html: markup }} />
      </div>
    </section>
  );
}
