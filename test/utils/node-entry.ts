import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function newestSourceChange(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const changed = entry.isDirectory() ? newestSourceChange(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, changed);
  }
  return newest;
}

function builtAt(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Node arguments that run one of our entry points (e.g. src/main.ts) as its own process.
 * The build in dist/ is used when it is newer than every file in src/ (as in CI, which builds
 * first): starting it takes a second, where compiling src/ on the fly takes several. Otherwise
 * the source runs through ts-node, so a test never runs code older than the source.
 */
export function nodeArgsFor(sourceFile: string): string[] {
  const source = join(ROOT, sourceFile);
  const built = join(ROOT, 'dist', relative(ROOT, source).replace(/\.ts$/, '.js'));
  const builtTime = builtAt(built);
  if (builtTime !== undefined && builtTime >= newestSourceChange(join(ROOT, 'src'))) return [built];
  return ['-r', require.resolve('ts-node/register/transpile-only'), source];
}

/** The environment ts-node needs to find the project's compiler settings. */
export const TS_NODE_ENV = { TS_NODE_PROJECT: join(ROOT, 'tsconfig.json') };
