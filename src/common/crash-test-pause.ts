import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Test-only. The crash-safety tests must kill the server at a moment they know is
 * inside a write transaction, not after a guessed delay. With CRASH_TEST_PAUSE_DIR set,
 * a test creates `armed` in that folder; the next write transaction, its work done but
 * not yet committed, renames it to `paused` and waits until the test removes `paused`
 * (or kills the process). Without the variable this is never called.
 */
export async function pauseIfArmed(directory: string): Promise<void> {
  const paused = join(directory, 'paused');
  try {
    renameSync(join(directory, 'armed'), paused);
  } catch {
    return; // not armed: the usual case
  }
  while (existsSync(paused)) await new Promise((resolve) => setTimeout(resolve, 10));
}
