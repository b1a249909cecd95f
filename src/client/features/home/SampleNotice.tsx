import { useI18n } from '../../i18n/i18n';

/**
 * The campaign's "sample content" notice, folded to one line: it is long (a paragraph), and on a 360–412 px phone it
 * pushed the first quota card below the screen. Opening it shows the whole text.
 */
export function SampleNotice({ notice }: { notice: string }) {
  const { t } = useI18n();
  return (
    <details className="banner warn sample-notice">
      <summary>{t('home.sampleNoticeTitle')}</summary>
      <p>{notice}</p>
    </details>
  );
}
