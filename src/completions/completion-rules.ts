import { FieldError, problem } from '../common/errors/field-errors';
import { Course } from '../courses/course.entity';
import { StaffMember } from '../staff/staff-member.entity';
import { EARLIEST_DAY } from '../common/validation/day-range';

/** Whether a school's staff may record this course: the shared catalogue or their own. */
export function courseUsableBy(course: Pick<Course, 'schoolId'>, schoolId: number): boolean {
  return course.schoolId === null || course.schoolId === schoolId;
}

export interface PriorTraining {
  prior: boolean;
  evidence: string | null;
}

const NOT_PRIOR: PriorTraining = { prior: false, evidence: null };

/**
 * Prior training (from a previous employer) must predate the start date, and must say
 * what proves it: nobody at this school saw it happen.
 */
export function priorTrainingProblems(
  staff: Pick<StaffMember, 'startDate'>,
  completedOn: string,
  evidence: string | null,
): FieldError[] {
  const problems: FieldError[] = [];
  if (completedOn >= staff.startDate) {
    problems.push(
      problem(
        'completedOn',
        'prior-not-before-start',
        { completedOn, startDate: staff.startDate },
        `completedOn ${completedOn}: prior training must be dated before the staff member started (${staff.startDate})`,
      ),
    );
  }
  if (evidence === null || evidence.trim() === '')
    problems.push(
      problem(
        'evidence',
        'prior-needs-evidence',
        {},
        'evidence is required for prior training (a certificate reference)',
      ),
    );
  return problems;
}

/**
 * Why a completion cannot be recorded, if it cannot: the same checks for a single
 * completion, a training session and every import row.
 */
export function completionProblems(
  staff: Pick<StaffMember, 'schoolId' | 'startDate' | 'leftOn'>,
  course: Pick<Course, 'id' | 'schoolId'>,
  completedOn: string,
  today: string,
  prior: PriorTraining = NOT_PRIOR,
): FieldError[] {
  const problems: FieldError[] = [];
  if (!courseUsableBy(course, staff.schoolId)) {
    // Said exactly as for an unknown id: another school's course titles are theirs.
    problems.push({ field: 'courseId', message: `courseId: no course with id ${course.id}` });
  }
  if (completedOn < EARLIEST_DAY) {
    const year = EARLIEST_DAY.slice(0, 4);
    problems.push(problem('completedOn', 'day-too-early', { year }, `completedOn must be in ${year} or later`));
  }
  if (completedOn > today)
    problems.push(
      problem(
        'completedOn',
        'completed-after-today',
        { completedOn, today },
        `completedOn ${completedOn} is after today (${today})`,
      ),
    );
  if (prior.prior) problems.push(...priorTrainingProblems(staff, completedOn, prior.evidence));
  else if (completedOn < staff.startDate) {
    problems.push(
      problem(
        'completedOn',
        'completed-before-start',
        { completedOn, startDate: staff.startDate },
        `completedOn ${completedOn} is before the staff member started (${staff.startDate}); ` +
          `training from a previous employer is recorded with prior: true`,
      ),
    );
  }
  if (staff.leftOn !== null && completedOn > staff.leftOn) {
    problems.push(
      problem(
        'completedOn',
        'completed-after-leaving',
        { completedOn, leftOn: staff.leftOn },
        `completedOn ${completedOn} is after the staff member left (${staff.leftOn})`,
      ),
    );
  }
  return problems;
}

export function completionKey(staffId: number, courseId: number, completedOn: string): string {
  return `${staffId}|${courseId}|${completedOn}`;
}
