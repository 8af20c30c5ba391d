/** The largest request body: a CSV of about 60,000 completions. */
export const BODY_LIMIT = '5mb';
