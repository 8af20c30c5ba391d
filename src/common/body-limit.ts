/**
 * The one size limit for request bodies and uploaded files, API and pages alike:
 * a CSV of about 60,000 completions.
 */
export const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/** The limit as people read it, on the import page and in the 413 answer. */
export const BODY_LIMIT_LABEL = `${BODY_LIMIT_BYTES / (1024 * 1024)} MB`;
