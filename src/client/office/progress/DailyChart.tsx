import { addDays, daysBetween, type DailyCount } from '../../../shared/quota/schedule';
import { useText } from '../text';

const W = 640;
const H = 200;
const PAD = { left: 36, right: 8, top: 10, bottom: 28 };

/**
 * Responses per day as bars, with the cumulative count as a line against the target and the deadline marked. Drawn
 * as plain SVG (a chart library would outweigh the rest of the office screens); the table beside it carries the
 * same figures for screen readers and for copying.
 */
export function DailyChart({ daily, target, deadline, today }: { daily: DailyCount[]; target: number; deadline: string; today: string }) {
  const { t, number, day } = useText();
  const first = daily[0]?.date ?? today;
  const last = [deadline, today].sort()[1]!;
  const span = Math.max(1, daysBetween(first, last) + 1);
  const byDate = new Map(daily.map((d) => [d.date, d.received - d.excluded]));
  const days = Array.from({ length: span }, (_, i) => addDays(first, i));
  const cumulative = days.reduce<number[]>((acc, d) => [...acc, (acc[acc.length - 1] ?? 0) + (byDate.get(d) ?? 0)], []);
  const running = cumulative[cumulative.length - 1] ?? 0;
  const maxBar = Math.max(1, ...days.map((d) => byDate.get(d) ?? 0));
  const maxLine = Math.max(1, target, running);
  const x = (i: number) => PAD.left + ((W - PAD.left - PAD.right) * (i + 0.5)) / span;
  const barW = Math.max(2, ((W - PAD.left - PAD.right) / span) * 0.7);
  const plotH = H - PAD.top - PAD.bottom;
  const yBar = (n: number) => PAD.top + plotH - (plotH * n) / maxBar;
  const yLine = (n: number) => PAD.top + plotH - (plotH * n) / maxLine;
  const deadlineAt = days.indexOf(deadline);
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('progress.chartLabel', { deadline: day(deadline) })}>
        <line x1={PAD.left} x2={W - PAD.right} y1={yLine(target)} y2={yLine(target)} className="chart-target" />
        {days.map((d, i) => {
          const n = byDate.get(d) ?? 0;
          return n > 0 ? (
            <rect key={d} x={x(i) - barW / 2} y={yBar(n)} width={barW} height={PAD.top + plotH - yBar(n)} className="chart-bar" />
          ) : null;
        })}
        <polyline points={cumulative.map((c, i) => `${x(i)},${yLine(c)}`).join(' ')} className="chart-line" />
        {deadlineAt >= 0 && <line x1={x(deadlineAt)} x2={x(deadlineAt)} y1={PAD.top} y2={PAD.top + plotH} className="chart-deadline" />}
        <text x={4} y={PAD.top + 10} className="chart-axis">
          {number(maxBar)}
        </text>
        <text x={PAD.left} y={H - 8} className="chart-axis">
          {day(first)}
        </text>
        <text x={W - PAD.right} y={H - 8} textAnchor="end" className="chart-axis">
          {day(last)}
        </text>
      </svg>
    </figure>
  );
}

/** The chart's figures: one row per day with responses, and the running total. */
export function DailyTable({ daily }: { daily: DailyCount[] }) {
  const { t, number, day } = useText();
  if (daily.length === 0) return <p className="muted">{t('progress.noDays')}</p>;
  const totals = daily.reduce<number[]>((acc, d) => [...acc, (acc[acc.length - 1] ?? 0) + d.received - d.excluded], []);
  return (
    <table className="data">
      <thead>
        <tr>
          <th scope="col">{t('progress.col.date')}</th>
          <th scope="col">{t('progress.col.day')}</th>
          <th scope="col">{t('progress.col.cumulative')}</th>
        </tr>
      </thead>
      <tbody>
        {daily.map((d, i) => (
          <tr key={d.date}>
            <td>{day(d.date)}</td>
            <td className="num">{number(d.received - d.excluded)}</td>
            <td className="num">{number(totals[i] ?? 0)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
