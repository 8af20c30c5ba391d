import { Day } from '../common/day';
import { CompletionRecord } from './compliance.types';

/**
 * The completions the rules read, as of a day: for each member and course, the latest
 * completion on or before that day (and the latest prior one, kept apart). Every rule reads only the latest expiry of a
 * topic,
 * whether any training falls on or after a date (since the start, since an audit), or
 * whether counting training postdates a course review, and the latest completion of a
 * course answers each as all of them would. The loader does the same in SQL for today;
 * history worked out for a past day must apply it to every completion, so that a
 * retake after that day does not hide the completion before it.
 */
export function latestCompletionPerCourse<
  T extends Pick<CompletionRecord, 'staffId' | 'courseId' | 'completedOn' | 'prior'>,
>(completions: Iterable<T>, asOf: Day): T[] {
  const latest = new Map<string, T>();
  for (const completion of completions) {
    if (completion.completedOn > asOf) continue;
    // Prior training is kept apart: it counts for currency but never for induction.
    const key = `${completion.staffId}:${completion.courseId}:${completion.prior ? 'prior' : 'since'}`;
    const seen = latest.get(key);
    if (!seen || completion.completedOn > seen.completedOn) latest.set(key, completion);
  }
  return [...latest.values()];
}
