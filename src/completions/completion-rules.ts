import { FieldError } from '../common/errors/field-errors';
import { Course } from '../courses/course.entity';
import { StaffMember } from '../staff/staff-member.entity';

/** Whether a school's staff may record this course: the shared catalogue or their own. */
export function courseUsableBy(course: Pick<Course, 'schoolId'>, schoolId: number): boolean {
  return course.schoolId === null || course.schoolId === schoolId;
}

/**
 * Why a completion cannot be recorded, if it cannot: the same checks for a single
 * completion, a training session and every import row.
 */
export function completionProblems(
  staff: Pick<StaffMember, 'schoolId' | 'startDate' | 'leftOn'>,
  course: Pick<Course, 'schoolId' | 'title'>,
  completedOn: string,
  today: string,
): FieldError[] {
  const problems: FieldError[] = [];
  if (!courseUsableBy(course, staff.schoolId)) {
    problems.push({ field: 'courseId', message: `courseId: "${course.title}" is another school's in-house course` });
  }
  if (completedOn > today)
    problems.push({ field: 'completedOn', message: `completedOn ${completedOn} is after today (${today})` });
  if (completedOn < staff.startDate) {
    problems.push({
      field: 'completedOn',
      message: `completedOn ${completedOn} is before the staff member started (${staff.startDate})`,
    });
  }
  if (staff.leftOn !== null && completedOn > staff.leftOn) {
    problems.push({
      field: 'completedOn',
      message: `completedOn ${completedOn} is after the staff member left (${staff.leftOn})`,
    });
  }
  return problems;
}

export function completionKey(staffId: number, courseId: number, completedOn: string): string {
  return `${staffId}|${courseId}|${completedOn}`;
}
