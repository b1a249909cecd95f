import { useResultsText } from './text';

/** A survey figure that opens how it was computed: the figure stays the visible name of the button. */
export function SurveyFigure({ value, onOpen }: { value: string; onOpen: () => void }) {
  const { t } = useResultsText();
  return (
    <button type="button" className="rs-link" onClick={onOpen}>
      {value} <span className="rs-sr-only">— {t('rs.openSurvey')}</span>
    </button>
  );
}
