/** `--name value` pairs from the command line, with defaults. */
export function readOptions<T extends Record<string, string>>(defaults: T): T {
  const options: Record<string, string> = { ...defaults };
  const args = process.argv.slice(2);
  for (let index = 0; index < args.length; index += 1) {
    const match = /^--([\w-]+)$/.exec(args[index]);
    if (!match) continue;
    const key = match[1].replace(/-(\w)/g, (_all, letter: string) => letter.toUpperCase());
    if (!(key in defaults)) throw new Error(`Unknown option --${match[1]}`);
    options[key] = args[index + 1];
    index += 1;
  }
  return options as T;
}

export const BENCH_TODAY = '2026-11-27';
export const BENCH_PASSWORD = 'bench-password-2026';
