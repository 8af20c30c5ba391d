import { CoursesPagesController } from '../src/web/courses-pages.controller';
import { PASSWORD, World } from './factories/world';
import { tableCounts, TestApp } from './utils/create-test-app';
import { PageSession, postForm, signInPage } from './utils/page-session';
import { useWorld } from './utils/use-world';

describe(CoursesPagesController.name, () => {
  let testApp: TestApp;
  let world: World;
  let dsp: PageSession;

  useWorld({}, (app, built) => {
    testApp = app;
    world = built;
  });
  beforeAll(async () => {
    dsp = await signInPage(testApp, 'dsp@a.test', PASSWORD);
  });

  const post = (path: string, form: Record<string, string | string[]>) => postForm(testApp, dsp, path, form);
  const course = { validityMonths: '12', contentReviewedOn: '2026-06-01', topics: 'online-safety' };

  it('adds the school’s own course and goes back to the list, which says so', async () => {
    const added = await post('/courses/new', { ...course, title: 'Our filtering session' }).expect(303);
    expect(added.headers.location).toBe('/courses?changed=added');
    const [row] = await testApp.dataSource.query(`SELECT "schoolId" FROM course WHERE title = 'Our filtering session'`);
    expect(row.schoolId).toBe(world.a.id);
    const list = await testApp.http.get(added.headers.location).set('Cookie', dsp.cookies).expect(200);
    expect(list.text).toContain('Our filtering session');
    expect(list.text).toContain('Course added');
  });

  it('shows a refused form again with what was typed and the field named, changing nothing', async () => {
    const before = await tableCounts(testApp.dataSource);
    const refused = await post('/courses/new', { ...course, title: 'Typed title kept', validityMonths: '0' }).expect(
      400,
    );
    expect(refused.text).toContain('value="Typed title kept"');
    expect(refused.text).toMatch(/id="validityMonths-error"/);
    expect(refused.text).toContain('<h1>Add a course</h1>');
    expect(await tableCounts(testApp.dataSource)).toEqual(before);
  });

  it('refuses an edit of the same course the same way, and keeps the edit form', async () => {
    const id = world.a.inHouseCourseId;
    const refused = await post(`/courses/${id}/edit`, { ...course, title: '' }).expect(400);
    expect(refused.text).toMatch(/id="title-error"/);
    expect(refused.text).toContain(`action="/courses/${id}/edit"`);
    const edited = await post(`/courses/${id}/edit`, { ...course, title: 'Renamed in-house' }).expect(303);
    expect(edited.headers.location).toBe('/courses?changed=updated');
  });

  it('lets a DSP change neither the shared catalogue (403) nor another school’s course (404)', async () => {
    await post(`/courses/${world.sharedCourseId}/edit`, { ...course, title: 'Mine now' }).expect(403);
    await post(`/courses/${world.b.inHouseCourseId}/edit`, { ...course, title: 'Mine now' }).expect(404);
  });
});
