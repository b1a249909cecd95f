import { useEffect, useMemo, useRef, useState } from 'react';
import type { IssuedBatch } from '../../../shared/api/self-fill';
import { Banner } from '../../ui/Banner';
import { ConfirmAction } from '../admin/ConfirmAction';
import { saveFile } from '../downloads/download';
import { useText } from '../text';
import { selfFillVi } from './text-vi';
import { cleanQrs, pageCount, sheetDocument, sheetFileName, SLIP_CSS, SLIPS_PER_PAGE, slipsMarkup } from './slips';

/**
 * The batch just issued: its sheet of slips, to print now or save as a file to print later. The plain codes exist
 * only here, so the screen says so, asks before the tab closes, and asks again before the sheet is closed.
 */
export function IssuedSheet({ issued, onClose }: { issued: IssuedBatch; onClose: () => void }) {
  const { t, number, day } = useText();
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
    const html = sheetDocument(issued, qrs, selfFillVi['sf.sheet.downloadWarn']);
    saveFile({ blob: new Blob([html], { type: 'text/html;charset=utf-8' }), name });
    setSaved(name);
  };

  return (
    <section aria-labelledby="sf-sheet-title">
      <div className="no-print">
        <h2 id="sf-sheet-title" ref={heading} tabIndex={-1}>
          {t('sf.sheet.title', { unit: issued.unitName, group: issued.groupName })}
        </h2>
        <p>
          <strong>{t('sf.sheet.summary', { count: number(issued.codes.length), lastDay: day(issued.batch.lastDay) })}</strong>
          {issued.batch.note && (
            <>
              {' · '}
              {t('sf.sheet.note', { note: issued.batch.note })}
            </>
          )}
        </p>
        <Banner kind="warn">{t('sf.sheet.once')}</Banner>
        {badQrs > 0 && <Banner kind="warn">{t('sf.sheet.badQr', { count: number(badQrs) })}</Banner>}
        <p className="muted">{t('sf.sheet.printHelp', { perPage: SLIPS_PER_PAGE, pages: number(pageCount(issued.codes.length)) })}</p>
        <div className="row">
          <button type="button" className="primary" onClick={() => window.print()}>
            {t('sf.sheet.print')}
          </button>
          <button type="button" onClick={download}>
            {t('sf.sheet.download')}
          </button>
          <ConfirmAction
            label={t('sf.sheet.close')}
            question={t('sf.sheet.closeQuestion')}
            confirmLabel={t('sf.sheet.closeConfirm')}
            onConfirm={onClose}
          />
        </div>
        <p className="muted">{t('sf.sheet.downloadWarn')}</p>
        {saved && <Banner kind="ok">{t('sf.sheet.downloaded', { name: saved })}</Banner>}
      </div>
      <style>{SLIP_CSS}</style>
      <div className="sf-sheet-wrap">
        {/* The slips' markup is built from escaped text and cleaned QR drawings (slips.ts, qr.ts). */}
        <div className="sf-sheet" role="region" aria-label={t('sf.sheet.preview')} dangerouslySetInnerHTML={{ __html: markup }} />
      </div>
    </section>
  );
}
