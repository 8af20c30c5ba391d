import { buildCompletionRecord } from '../../test/factories/compliance-records.factory';
import { latestCompletionPerCourse } from './latest-completions';

describe(latestCompletionPerCourse.name, () => {
  const first = buildCompletionRecord({ staffId: 1, courseId: 1, completedOn: '2025-06-01' });
  const retake = buildCompletionRecord({ staffId: 1, courseId: 1, completedOn: '2026-06-01' });
  const otherCourse = buildCompletionRecord({ staffId: 1, courseId: 2, completedOn: '2025-01-01' });
  const otherMember = buildCompletionRecord({ staffId: 2, courseId: 1, completedOn: '2024-01-01' });

  it('keeps the latest completion of each course for each member', () => {
    expect(latestCompletionPerCourse([first, retake, otherCourse, otherMember], '2026-11-27')).toEqual([
      retake,
      otherCourse,
      otherMember,
    ]);
  });

  it('keeps the earlier completion as of a day before the retake (history must not lose it)', () => {
    expect(latestCompletionPerCourse([retake, first], '2026-05-31')).toEqual([first]);
  });

  it('keeps the latest prior completion apart from training since the start', () => {
    const prior = buildCompletionRecord({ staffId: 1, courseId: 1, completedOn: '2024-06-01', prior: true });
    expect(latestCompletionPerCourse([prior, first, retake], '2026-11-27')).toEqual([prior, retake]);
  });

  it('counts a completion made on the day itself, and none made after it', () => {
    expect(latestCompletionPerCourse([retake], '2026-06-01')).toEqual([retake]);
    expect(latestCompletionPerCourse([first, retake], '2025-05-31')).toEqual([]);
  });
});
