/**
 * Which way dependencies may run (issue 11, point 2). `npm run lint` checks them, and so
 * does .ci/run. Folders under src/ are layers: common, config, clock, logging and auth
 * at the bottom; change-log above them; then the domain modules (schools, staff, courses,
 * completions, needs-audits, requirements, compliance, reminders, accounts...); web and the app
 * module on top.
 */
const DOMAIN =
  '^src/(accounts|schools|staff|courses|completions|needs-audits|requirements|compliance|reminders|' +
  'change-log|pending-uploads|mail|demo|health)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle means neither module can be understood, tested or moved without the other.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'compliance-rules-are-pure',
      severity: 'error',
      comment:
        'The compliance rules are pure functions of (records, settings, today): no database, page, mail or clock, ' +
        'so each is tested with a fixed date and reused by the API, pages, reminders and benchmark.',
      from: {
        path: '^src/compliance/',
        pathNot: '\\.(service|controller|module|tasks|loader|entity|dto)\\.ts$',
      },
      to: { path: '^src/(database|web|mail|clock)/' },
    },
    {
      name: 'common-imports-no-domain',
      severity: 'error',
      comment: 'common/ is used by everything, so it may depend on nothing above it.',
      from: { path: '^src/common/' },
      to: { path: [DOMAIN, '^src/(auth|users|web)/'] },
    },
    {
      name: 'auth-imports-no-domain',
      severity: 'error',
      comment:
        'auth decides who may do what for every module, so it knows none of them. It reads accounts through ' +
        'the User entity only (users/ is the accounts API built on auth).',
      from: { path: '^src/auth/' },
      to: { path: [DOMAIN, '^src/(web|users)/'], pathNot: '^src/users/user\\.entity\\.ts$' },
    },
    {
      name: 'change-log-below-domain',
      severity: 'error',
      comment: 'Every module records its changes in the change log; the log knows none of them.',
      from: { path: '^src/change-log/' },
      to: { path: [DOMAIN, '^src/(users|web)/'], pathNot: '^src/change-log/' },
    },
    {
      name: 'courses-below-completions',
      severity: 'error',
      comment:
        'A completion refers to a course, not the reverse: completions register for course changes ' +
        '(CoursesService.onValidityChange) instead of courses calling into completions.',
      from: { path: '^src/courses/' },
      to: { path: '^src/completions/' },
    },
    {
      name: 'only-the-app-uses-web',
      severity: 'error',
      comment:
        'Pages sit on top: they use the services, never the reverse. Only the app module and its shared ' +
        'set-up (setup-app.ts, used by main.ts and the tests) wire them in.',
      from: { path: '^src/', pathNot: ['^src/web/', '^src/app\\.module\\.ts$', '^src/setup-app\\.ts$'] },
      to: { path: '^src/web/' },
    },
    {
      name: 'src-imports-no-test-or-seeds',
      severity: 'error',
      comment:
        'The app runs without test/ and seeds/ code. Unit specs beside the code may use the shared ' +
        'factories in test/factories; the demo data in seeds/ is read as a file at run time.',
      from: { path: '^src/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(test|seeds)/' },
    },
    {
      name: 'specs-use-only-test-factories',
      severity: 'error',
      comment: 'Unit specs may borrow the small build<Entity>() factories, nothing else from test/.',
      from: { path: '^src/.+\\.spec\\.ts$' },
      to: { path: '^test/', pathNot: '^test/factories/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
