import { StatusCounts } from '../compliance/compliance.types';

/** Small charts drawn on the server as SVG: no script, and they print. */

const STATUS_ROWS: { key: keyof StatusCounts; colour: string }[] = [
  { key: 'current', colour: '#0b6b35' },
  { key: 'dueSoon', colour: '#7a4b00' },
  { key: 'inductionDue', colour: '#7a4b00' },
  { key: 'inductionOverdue', colour: '#a4161a' },
  { key: 'lapsed', colour: '#a4161a' },
  { key: 'never', colour: '#a4161a' },
];

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** `id` names the chart's title element: each chart on one page needs its own. */
export function statusChart(
  counts: StatusCounts,
  labels: Record<keyof StatusCounts, string>,
  title: string,
  id = 'status-chart',
): string {
  const max = Math.max(1, ...(Object.values(counts) as number[]));
  const rowHeight = 34;
  const labelWidth = 190;
  const barSpace = 260;
  const height = STATUS_ROWS.length * rowHeight + 10;
  const bars = STATUS_ROWS.map(({ key, colour }, index) => {
    const y = 5 + index * rowHeight;
    const width = Math.round((counts[key] / max) * barSpace);
    return [
      `<text x="${labelWidth - 8}" y="${y + 20}" text-anchor="end" font-size="14" ` +
        `fill="#1b1b1b">${escapeXml(labels[key])}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${width}" height="22" fill="${colour}"></rect>`,
      `<text x="${labelWidth + width + 6}" y="${y + 20}" font-size="14" font-weight="700" ` +
        `fill="#1b1b1b">${counts[key]}</text>`,
    ].join('');
  });
  return (
    `<svg viewBox="0 0 ${labelWidth + barSpace + 50} ${height}" role="img" ` +
    `aria-labelledby="${id}-title" xmlns="http://www.w3.org/2000/svg"><title ` +
    `id="${id}-title">${escapeXml(title)}</title>${bars.join('')}</svg>`
  );
}

export interface TrendPoint {
  date: string;
  percentCurrent: number | null;
}

/** `formatDate` writes the first and last dates in the page's language ("14 Ebrill 2026"). */
export function trendChart(
  points: TrendPoint[],
  title: string,
  formatDate: (day: string) => string = (day) => day,
): string {
  const width = 480;
  const height = 220;
  const left = 40;
  const bottom = 30;
  const plotWidth = width - left - 10;
  const plotHeight = height - bottom - 10;
  const known = points.filter((point) => point.percentCurrent !== null);
  const x = (index: number) => left + (known.length === 1 ? plotWidth / 2 : (index / (known.length - 1)) * plotWidth);
  const y = (percent: number) => 10 + plotHeight - (percent / 100) * plotHeight;
  const grid = [0, 50, 100]
    .map(
      (percent) =>
        `<line x1="${left}" x2="${left + plotWidth}" y1="${y(percent)}" y2="${y(percent)}" ` +
        `stroke="#b1b4b6"></line><text x="${left - 6}" y="${y(percent) + 4}" text-anchor="end" ` +
        `font-size="12" fill="#1b1b1b">${percent}%</text>`,
    )
    .join('');
  const path = known
    .map((point, index) => `${index === 0 ? 'M' : 'L'}${x(index).toFixed(1)},${y(point.percentCurrent!).toFixed(1)}`)
    .join(' ');
  const dots = known
    .map(
      (point, index) =>
        `<circle cx="${x(index).toFixed(1)}" cy="${y(point.percentCurrent!).toFixed(1)}" ` +
        `r="3.5" fill="#00594f"></circle>`,
    )
    .join('');
  const ends = known.length
    ? `<text x="${left}" y="${height - 8}" font-size="12" ` +
      `fill="#1b1b1b">${escapeXml(formatDate(known[0].date))}</text><text ` +
      `x="${left + plotWidth}" y="${height - 8}" text-anchor="end" font-size="12" ` +
      `fill="#1b1b1b">${escapeXml(formatDate(known[known.length - 1].date))}</text>`
    : '';
  return (
    `<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="trend-chart-title" ` +
    `xmlns="http://www.w3.org/2000/svg"><title ` +
    `id="trend-chart-title">${escapeXml(title)}</title>${grid}<path d="${path}" ` +
    `fill="none" stroke="#00594f" stroke-width="2.5"></path>${dots}${ends}</svg>`
  );
}
