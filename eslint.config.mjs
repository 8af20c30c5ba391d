// ESLint flat config: typescript-eslint's strict and stylistic type-checked rules over
// src/, test/ and the config files; Prettier owns formatting (eslint-config-prettier
// switches off the rules it would fight with). Every rule switched off or relaxed below
// says why.
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', 'views/', '**/*.tmp.*'] },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    // A directive that no longer silences anything is an error, so none outlives its reason.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Ids and counts in messages ("No staff member with id 12") are the point of those messages.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `(request) => response.redirect(...)`-style one-line arrows read better than a block.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Nest modules are empty classes by design: the @Module() decorator is the content.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      // Response DTOs are classes only so @nestjs/swagger can describe them (STYLE: DTOs are
      // classes, never interfaces); services build them as plain objects field by field, which
      // is what Nest serialises. Likewise entities are plain data to TypeORM: a copy made with
      // spread (`before = { ...member }` for the change log) is meant to lose nothing but the prototype.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/no-misused-spread': 'off',
      // SQLite hands booleans back as 0/1 though the entity types say boolean, so the
      // Boolean(...) in each toDto() is needed even where the types call it redundant.
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
      // Not yet: a `!` today marks a lookup the code has just guaranteed (a Map built from the
      // same rows, a school id the scope check has passed), which TypeScript cannot follow.
      // Replacing each with a checked helper is the follow-up (issue 11, point 3).
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Off for the same reason as the Boolean(...) above: the types say non-null where the
      // driver, Express (cookies, locals) or an old row can still hand back null or undefined,
      // and the `??` guards for that are deliberate.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // `const { key, ...fields } = row` is how the code leaves keys out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Page controllers @Render or @Redirect and return plain data (STYLE 1, issue 11 point 4;
    // src/web/courses-pages.controller.ts is the example). A handler that writes to the response
    // itself bypasses @HttpCode, the interceptors and the one exception filter that draws refused
    // forms (RefusedForm) and error pages, and can answer two ways; before this rule every page
    // handler had drifted to `@Res()` and `response.render(...)`. The response may be taken only
    // with `{ passthrough: true }`, to set or clear a cookie or header.
    files: ['src/web/**/*.controller.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(render|redirect|send|status)$/]",
          message:
            'Page handlers do not write to the response: @Render and return the model, @Redirect and return ' +
            'nothing or { url }, throw RefusedForm or an HttpException for another status, return a StreamableFile.',
        },
        {
          // PageController adds what every page needs (its language, the DSP's "To verify" count) and keeps
          // those interceptors off the API.
          selector: "Decorator > CallExpression[callee.name='Controller']",
          message: 'Page controllers are declared with @PageController(prefix), not @Controller.',
        },
        {
          selector:
            "Decorator > CallExpression[callee.name=/^(Res|Response)$/]:not(:has(Property[key.name='passthrough'][value.value=true]))",
          message:
            'Take the response only as @Res({ passthrough: true }), to set cookies or headers; Nest still renders ' +
            'or redirects what the handler returns.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      // supertest and fetch type a response body as `any`, and Jest types its asymmetric
      // matchers (expect.stringContaining...) as `any`; the tests' assertions are what check
      // the shape, so reading fields from it is the point, not a hole in the types.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    // These files are CommonJS (Jest's transformer hook, dependency-cruiser's config).
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
