import { ChangeDto } from '../change-log/change.dto';
import { changeRow, ChangeNames } from './change-log-view';

const NAMES: ChangeNames = {
  staff: new Map([[7, 'Siân Owen']]),
  courses: new Map([
    [3, { title: 'Keeping safe online', titleCy: null }],
    [4, { title: 'Responding to online sexual harassment', titleCy: 'Ymateb i aflonyddu rhywiol ar-lein' }],
  ]),
  users: new Map([[2, 'dsp@school.example']]),
};

function buildChange(overrides: Partial<ChangeDto> = {}): ChangeDto {
  return {
    id: 1,
    at: '2026-04-14T09:05:12.000Z',
    userId: 2,
    schoolId: 1,
    entity: 'completion',
    entityId: 11,
    action: 'update',
    before: { staffId: 7, courseId: 4, completedOn: '2026-03-01', verification: 'pending', prior: false },
    after: { staffId: 7, courseId: 4, completedOn: '2026-03-02', verification: 'verified', prior: true },
    ...overrides,
  };
}

describe('changeRow', () => {
  it('writes the moment, the fields, dates, yes or no and the check in Welsh on a Welsh page', () => {
    const row = changeRow(buildChange(), NAMES, 'cy');
    expect(row.at).toBe('14 Ebrill 2026, 09:05');
    expect(row.fields).toEqual([
      { field: 'Cwblhawyd ar', before: '1 Mawrth 2026', after: '2 Mawrth 2026' },
      { field: 'Gwiriad y PDD', before: 'Yn aros am y PDD', after: "Wedi'i wirio" },
      { field: 'Hyfforddiant blaenorol', before: 'na', after: 'ie' },
    ]);
  });

  it('writes them in English on an English page', () => {
    const row = changeRow(buildChange(), NAMES, 'en');
    expect(row.at).toBe('14 April 2026, 09:05');
    expect(row.fields[0]).toEqual({ field: 'Completed on', before: '1 March 2026', after: '2 March 2026' });
    expect(row.fields[2]).toEqual({ field: 'Prior training', before: 'no', after: 'yes' });
  });

  it('names the member and the course with both its titles, so the page can mark an English-only one', () => {
    expect(changeRow(buildChange(), NAMES, 'cy').subject).toEqual({
      name: 'Siân Owen',
      course: { title: 'Responding to online sexual harassment', titleCy: 'Ymateb i aflonyddu rhywiol ar-lein' },
    });
    const course = buildChange({
      entity: 'course',
      entityId: 3,
      before: null,
      after: { title: 'Keeping safe online' },
    });
    expect(changeRow(course, NAMES, 'cy').subject).toEqual({
      name: null,
      course: { title: 'Keeping safe online', titleCy: null },
    });
  });

  it('never shows bookkeeping, and shows a field the catalogues do not know by its own name', () => {
    const change = buildChange({
      entity: 'user',
      before: { tokenVersion: 1, verifiedById: 2, somethingNew: 'a' },
      after: { tokenVersion: 2, verifiedById: 3, somethingNew: 'b' },
    });
    expect(changeRow(change, NAMES, 'cy').fields).toEqual([{ field: 'somethingNew', before: 'a', after: 'b' }]);
  });
});
