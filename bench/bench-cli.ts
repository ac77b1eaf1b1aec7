// Command-line reading shared by the benchmarks: --flag value or --flag=value, whole numbers with a floor, --backend, --help from the script's header comment.
import fs from 'node:fs';

export type BackendChoice = 'pglite' | 'postgres' | 'both';

export interface Flag {
  /** The flag's value (inline after = or the next argument). */
  value(): string | undefined;
  /** The value as a whole number ≥ min. */
  int(min: number): number;
  /** The value as one of `choices`. */
  oneOf<T extends string>(choices: readonly T[]): T;
}

/**
 * Walks argv and hands each flag to `on`, which returns false for a flag it does not know. --help
 * (-h) prints the first `helpLines` comment lines of `script` (the benchmark's own file) and exits.
 */
export function readFlags(argv: string[], script: string, helpLines: number, on: (flag: string, f: Flag) => boolean): void {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    let taken: string | undefined;
    let read = false;
    const value = (): string | undefined => {
      if (!read) {
        taken = inline ?? argv[++i];
        read = true;
      }
      return taken;
    };
    const f: Flag = {
      value,
      int(min) {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < min) throw new Error(`${flag} needs an integer ≥ ${min}, got ${v}`);
        return n;
      },
      oneOf(choices) {
        const v = value();
        if (!choices.includes(v as never)) throw new Error(`${flag} ${choices.join('|')}, got ${v}`);
        return v as (typeof choices)[number];
      },
    };
    if (flag === '--help' || flag === '-h') {
      console.log(fs.readFileSync(script, 'utf8').split('\n').filter((l) => l.startsWith('//')).slice(0, helpLines).join('\n'));
      process.exit(0);
    }
    if (!on(flag, f)) throw new Error(`unknown option ${a} (see --help)`);
  }
}

export const BACKEND_CHOICES: readonly BackendChoice[] = ['pglite', 'postgres', 'both'];
