import { Injectable } from '@nestjs/common';
import { AuthUser } from '../auth/auth-user';
import { addMonths } from '../common/day';
import { CONTENT_REVIEW_MONTHS } from '../compliance/concerns/quality.concerns';
import { ClockService } from '../clock/clock.service';
import { ComplianceService } from '../compliance/compliance.service';
import { ComplianceSummaryDto } from '../compliance/compliance.dto';
import { quotePartsFor } from '../compliance/concerns/guidance';
import { CoursesService } from '../courses/courses.service';
import { StaffDto } from '../staff/staff.dto';
import { StaffService } from '../staff/staff.service';

/** View models the pages share, built from the same services the API uses. */
@Injectable()
export class SchoolPagesService {
  constructor(
    private readonly compliance: ComplianceService,
    private readonly courses: CoursesService,
    private readonly staff: StaffService,
    private readonly clock: ClockService,
  ) {}

  summary(user: AuthUser, schoolId: number): Promise<ComplianceSummaryDto> {
    return this.compliance.summary(user, schoolId);
  }

  /** Concerns with the names and course titles behind them, where the viewer may see names. */
  async concernsView(user: AuthUser, summary: ComplianceSummaryDto) {
    const names = new Map(
      summary.staff.filter((member) => member.id !== undefined).map((member) => [member.id!, member.name!]),
    );
    const titles = new Map((await this.courses.list(user, {})).map((course) => [course.id, course]));
    return summary.concerns.map((concern) => ({
      ...concern,
      quote: quotePartsFor(concern.code),
      staff: (concern.staffIds ?? []).map((id) => ({ id, name: names.get(id) ?? `#${id}` })),
      courses: concern.courseIds.map((id) => titles.get(id) ?? { title: `#${id}`, titleCy: null }),
    }));
  }

  /** Active staff to choose from in forms, by name: read from the staff list, not worked out by a report. */
  activeStaffOptions(user: AuthUser): Promise<StaffDto[]> {
    return this.staff.listActive(user);
  }

  /** Content last reviewed before this day is due a review, as the guidance's outdated-materials concern. */
  reviewDueBefore(): string {
    return addMonths(this.clock.today(), -CONTENT_REVIEW_MONTHS);
  }

  /** Courses the school may record, with those whose content is over a year old flagged. */
  async courseOptions(user: AuthUser, includeRetired = false) {
    const yearAgo = this.reviewDueBefore();
    const courses = await this.courses.list(user, {});
    return courses
      .filter((course) => includeRetired || !course.retired)
      .map((course) => ({
        ...course,
        inHouse: course.schoolId !== null,
        outdated: course.contentReviewedOn < yearAgo,
      }));
  }

  /** Welsh course titles by course id, for lists that carry only the English title. */
  async welshCourseTitles(schoolId: number): Promise<Map<number, string | null>> {
    const courses = await this.courses.findUsableBySchool(schoolId);
    return new Map(courses.map((course) => [course.id, course.titleCy]));
  }

  staffMember(user: AuthUser, id: number) {
    return this.staff.get(user, id);
  }
}
