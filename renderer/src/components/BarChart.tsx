// Paired horizontal bars (median solid, p90 hatched) drawn in SVG, with the numbers written
// next to each bar: the chart never relies on colour, and a table carries the same data.
import { useTranslation } from 'react-i18next';

export interface BarRow {
  label: string;
  median: number | null;
  p90: number | null;
}

export function BarChart({ rows, title }: { rows: BarRow[]; title: string }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.flatMap((r) => [r.median ?? 0, r.p90 ?? 0]));
  // Each row: its label on one line, then the two bars (long bundle names never overlap the bars).
  const rowHeight = 66;
  const width = 640;
  const labelWidth = 0;
  const barSpace = width - 110;
  const minutes = (s: number | null) => (s === null ? t('dashboard.none') : t('dashboard.minutes', { value: (s / 60).toFixed(1) }));
  return (
    <figure className="chart">
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${Math.max(1, rows.length) * rowHeight + 10}`} width="100%">
        <defs>
          <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#1f3a93" strokeWidth="3" />
          </pattern>
        </defs>
        {rows.map((r, i) => {
          const y = i * rowHeight + 5;
          const medianWidth = ((r.median ?? 0) / max) * barSpace;
          const p90Width = ((r.p90 ?? 0) / max) * barSpace;
          return (
            <g key={r.label}>
              <text x="0" y={y + 14} fontSize="14">
                {r.label.length > 70 ? `${r.label.slice(0, 69)}…` : r.label}
              </text>
              <rect x={labelWidth} y={y + 20} width={medianWidth} height="16" fill="#1f3a93" />
              <text x={labelWidth + medianWidth + 6} y={y + 33} fontSize="13">
                {minutes(r.median)}
              </text>
              <rect x={labelWidth} y={y + 38} width={p90Width} height="16" fill="url(#hatch)" stroke="#1f3a93" />
              <text x={labelWidth + p90Width + 6} y={y + 51} fontSize="13">
                {minutes(r.p90)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{t('dashboard.legend')}</figcaption>
    </figure>
  );
}
