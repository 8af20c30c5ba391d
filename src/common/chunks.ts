/**
 * How many ids or rows go into one statement: well under SQLite's 999 bound parameters
 * for an `IN (...)` list, and for a multi-row insert of a few columns under PostgreSQL's 65,535.
 */
export const ROWS_PER_STATEMENT = 500;

/** The items in consecutive slices of at most `size`. */
export function chunksOf<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
