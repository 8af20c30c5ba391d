import { formatDay } from '../common/format-day';
import { statusChart, trendChart } from './charts';

const labels = {
  current: 'Current',
  dueSoon: 'Due soon',
  inductionDue: 'Induction due',
  inductionOverdue: 'Induction overdue',
  lapsed: 'Lapsed',
  never: 'Never <trained>',
};

describe(statusChart.name, () => {
  it('draws one labelled bar per status, longest for the largest count, escaping text', () => {
    const svg = statusChart(
      { current: 10, dueSoon: 5, inductionDue: 0, inductionOverdue: 1, lapsed: 2, never: 0 },
      labels,
      'Staff by status',
    );
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title id="status-chart-title">Staff by status</title>');
    expect(svg.match(/<rect /g)).toHaveLength(6);
    expect(svg).toContain('width="260"');
    expect(svg).toContain('width="130"');
    expect(svg).toContain('Never &#60;trained&#62;');
  });

  it('names its title by the id given, so several charts on one page each keep their own', () => {
    const counts = { current: 1, dueSoon: 0, inductionDue: 0, inductionOverdue: 0, lapsed: 0, never: 0 };
    const svg = statusChart(counts, labels, 'Statuses: Safeguarding', 'requirement-safeguarding-chart');
    expect(svg).toContain('aria-labelledby="requirement-safeguarding-chart-title"');
    expect(svg).toContain('<title id="requirement-safeguarding-chart-title">Statuses: Safeguarding</title>');
    expect(svg).not.toContain('"status-chart-title"');
  });
});

describe(trendChart.name, () => {
  it('plots each known percentage from first to last date', () => {
    const svg = trendChart(
      [
        { date: '2026-11-01', percentCurrent: 50 },
        { date: '2026-11-02', percentCurrent: null },
        { date: '2026-11-03', percentCurrent: 100 },
      ],
      'Trend',
    );
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('2026-11-01');
    expect(svg).toContain('2026-11-03');
    expect(svg).toMatch(/d="M40\.0,\d+\.\d L470\.0,10\.0"/);
  });

  it('writes the first and last dates in the page language', () => {
    const svg = trendChart(
      [
        { date: '2026-04-14', percentCurrent: 50 },
        { date: '2026-11-03', percentCurrent: 100 },
      ],
      'Canran',
      (day) => formatDay(day, 'cy'),
    );
    expect(svg).toContain('>14 Ebrill 2026<');
    expect(svg).toContain('>3 Tachwedd 2026<');
    expect(svg).not.toContain('2026-04-14');
  });
});
