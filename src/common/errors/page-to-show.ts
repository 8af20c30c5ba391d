/**
 * A refusal that brings its own page: a form drawn again with what was typed and why it
 * was refused. AppExceptionFilter renders it with the exception's status instead of the
 * error page (the class lives with the pages, in src/web/refused-form.ts).
 */
export interface PageToShow {
  readonly view: string;
  readonly model: Record<string, unknown>;
}

export function isPageToShow(error: unknown): error is PageToShow {
  const candidate = error as Partial<PageToShow> | null;
  return typeof candidate?.view === 'string' && typeof candidate.model === 'object' && candidate.model !== null;
}
