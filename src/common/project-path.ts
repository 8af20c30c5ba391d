import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(start: string): string {
  let folder = start;
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`No package.json above ${start}`);
    folder = parent;
  }
  return folder;
}

const ROOT = findRoot(__dirname);

/** A path from the project's top folder, the same whether running from src/ or dist/. */
export function projectPath(...parts: string[]): string {
  return join(ROOT, ...parts);
}
