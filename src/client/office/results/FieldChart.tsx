import type { UnitField } from '../../../shared/api/results';
import { useResultsText } from './text';

const W = 480;
const LABEL = 120;
const VALUE = 72;
const HEAD = 22;
const BAR = 14;
const ROW = 22;
const GAP = 12;

/** Long field titles are cut in the chart; the table beside it has them whole. */
const cut = (s: string, n = 56) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

type BarKind = 'self' | 'appraised' | 'survey';

/** Each field's block (its title, then a bar per part that has a maximum) and where it starts; the chart's height. */
function layout(fields: UnitField[], labels: Record<BarKind, string>) {
  const blocks: { f: UnitField; top: number; bars: { kind: BarKind; label: string; value: number; max: number }[] }[] = [];
  let y = 4;
  for (const f of fields) {
    const bars = (
      [
        ['self', f.self, f.appraisedMax],
        ['appraised', f.appraised, f.appraisedMax],
        ['survey', f.survey, f.surveyMax],
      ] as const
    )
      .filter(([, , max]) => max > 0)
      .map(([kind, value, max]) => ({ kind, label: labels[kind], value, max }));
    blocks.push({ f, top: y, bars });
    y += HEAD + bars.length * ROW + GAP;
  }
  return { blocks, height: Math.max(y, 40) };
}

/**
 * A unit's points per field as horizontal bars — self-assessment and appraisal against the appraised maximum, survey
 * against the survey maximum — each bar labelled in words and figures, so colour is never the only sign. Plain SVG
 * like the progress chart; the table beside it carries the same figures for screen readers and copying.
 */
export function FieldChart({ unitName, fields }: { unitName: string; fields: UnitField[] }) {
  const { t, outOf } = useResultsText();
  const track = W - LABEL - VALUE;
  const { blocks, height } = layout(fields, {
    self: t('rs.fields.col.self'),
    appraised: t('rs.fields.col.appraised'),
    survey: t('rs.fields.col.survey'),
  });
  return (
    <figure className="chart rs-chart">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={t('rs.chart.label', { unit: unitName })}>
        {blocks.map(({ f, bars, top }) => (
          <g key={f.code}>
            <text x={0} y={top + 15} className="rs-chart-head">
              {cut(`${f.code}. ${f.title}`)}
            </text>
            {bars.map((b, i) => {
              const barY = top + HEAD + i * ROW;
              const share = Math.max(0, Math.min(1, b.value / b.max));
              return (
                <g key={b.kind}>
                  <text x={LABEL - 8} y={barY + BAR - 2} textAnchor="end" className="chart-axis">
                    {b.label}
                  </text>
                  <rect x={LABEL} y={barY} width={track} height={BAR} className="rs-track" />
                  <rect x={LABEL} y={barY} width={track * share} height={BAR} className={`rs-bar-${b.kind}`} />
                  <text x={LABEL + track + 8} y={barY + BAR - 2} className="rs-chart-value">
                    {outOf(b.value, b.max)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      <figcaption className="muted rs-small">{t('rs.chart.legend')}</figcaption>
    </figure>
  );
}
