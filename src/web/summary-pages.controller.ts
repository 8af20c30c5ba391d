import { Get, Param, Render, StreamableFile } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ComplianceHistoryService } from '../compliance/compliance-history.service';
import { ComplianceService, CSV_COLUMNS, CsvColumn } from '../compliance/compliance.service';
import { csvDownload, toCsv } from '../common/csv';
import { formatDay } from '../common/format-day';
import { STATUS_COUNT_KEYS, StatusCounts } from '../compliance/compliance.types';
import { RequirementFiguresDto } from '../compliance/compliance.dto';
import { Language } from '../common/language';
import { statusChart, trendChart } from './charts';
import { isMessageKey, translate } from './i18n';
import { PageLanguage } from './page-language.decorator';
import { SchoolPagesService } from './school-pages.service';
import { ParseIdPipe } from '../common/validation/id';
import { PageController } from './page-controller.decorator';

/** The governors' summary, its printable report and CSV: read only. */
@Roles('governor', 'dsp', 'admin')
@PageController('schools/:id')
export class SummaryPagesController {
  constructor(
    private readonly pages: SchoolPagesService,
    private readonly compliance: ComplianceService,
    private readonly history: ComplianceHistoryService,
  ) {}

  @Get('summary')
  @Render('pages/summary')
  async summary(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('school')) id: number,
    @PageLanguage() lang: Language,
  ) {
    return { title: 'summary.title', user, ...(await this.view(user, id, lang)) };
  }

  @Get('report')
  @Render('pages/report')
  async report(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('school')) id: number,
    @PageLanguage() lang: Language,
  ) {
    return { title: 'report.title', user, ...(await this.view(user, id, lang)) };
  }

  /** The governors' CSV in the page's language (the API's keeps machine column names). */
  @Get('compliance.csv')
  async csv(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseIdPipe('school')) id: number,
    @PageLanguage() lang: Language,
  ): Promise<StreamableFile> {
    // The byte-order mark makes spreadsheet programs read ŵ and ŷ as UTF-8.
    const csv = csvInLanguage(lang, await this.compliance.csvTable(user, id));
    return csvDownload(`\ufeff${csv}`, 'compliance.csv');
  }

  private async view(user: AuthUser, schoolId: number, lang: Language) {
    const summary = await this.pages.summary(user, schoolId);
    const trend = (await this.history.history(user, schoolId, {})).map((point) => ({
      date: point.date,
      percentCurrent: point.percentCurrent,
    }));
    const labels = Object.fromEntries(
      Object.entries(STATUS_COUNT_KEYS).map(([status, key]) => [key, translate(lang, `status.${status}`)]),
    ) as Record<keyof StatusCounts, string>;
    return {
      summary,
      concerns: await this.pages.concernsView(user, summary),
      statusRows: Object.entries(STATUS_COUNT_KEYS).map(([status, key]) => ({ status, count: summary.counts[key] })),
      statusSvg: statusChart(summary.counts, labels, translate(lang, 'summary.statusChart')),
      requirementRows: summary.requirements.map((requirement) => requirementRow(requirement, labels, lang)),
      trend,
      trendSvg: trend.length
        ? trendChart(trend, translate(lang, 'summary.trendChart'), (day) => formatDay(day, lang))
        : null,
    };
  }
}

/** One line of the governors' table of requirements, with that requirement's status chart. */
function requirementRow(
  requirement: RequirementFiguresDto,
  labels: Record<keyof StatusCounts, string>,
  lang: Language,
) {
  const title = lang === 'cy' && requirement.titleCy ? requirement.titleCy : requirement.title;
  const chartTitle = translate(lang, 'summary.requirementChart', { title });
  return {
    code: requirement.code,
    title: requirement.title,
    titleCy: requirement.titleCy,
    applies: requirement.applies,
    current: requirement.counts.current + requirement.counts.dueSoon,
    percentCurrent: requirement.percentCurrent,
    statusRows: Object.entries(STATUS_COUNT_KEYS).map(([status, key]) => ({ status, count: requirement.counts[key] })),
    svg: statusChart(requirement.counts, labels, chartTitle, `requirement-${requirement.code}-chart`),
  };
}

/** The compliance CSV with its headings and statuses in the page's language. */
function csvInLanguage(
  lang: Language,
  { header, rows }: { header: string[]; rows: (string | number | null)[][] },
): string {
  const words: Partial<Record<CsvColumn, string>> = {
    status: 'status.',
    safeguarding_role: 'record.role.',
    overall_status: 'status.',
  };
  // Columns after the fixed ones are requirements (by code): their cells are statuses.
  const prefixOf = (column: string) =>
    (CSV_COLUMNS as readonly string[]).includes(column) ? words[column as CsvColumn] : 'status.';
  const translated = rows.map((row) =>
    row.map((value, index) => {
      const prefix = prefixOf(header[index]);
      return prefix && typeof value === 'string' ? translate(lang, `${prefix}${value}`) : value;
    }),
  );
  return toCsv(
    header.map((column) => csvHeading(lang, column)),
    translated,
  );
}

/**
 * A column's heading in the page's language; a requirement's column is named by its training, a school's own by its
 * code.
 */
function csvHeading(lang: Language, column: string): string {
  if (isMessageKey(`csv.${column}`)) return translate(lang, `csv.${column}`);
  if (isMessageKey(`training.${column}`)) return translate(lang, `training.${column}`);
  return column;
}
