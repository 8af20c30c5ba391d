/** The page session's cookie: set by the sign-in page, read by the auth guard for pages (never for the API). */
export const SESSION_COOKIE = 'session';
