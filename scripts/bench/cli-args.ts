/**
 * Minimal flag parsing for the benchmark scripts (`--name value` or `--name=value`). Unknown flags are an
 * error, so a typo never silently runs the default (and a long benchmark) by mistake.
 */
export interface FlagSpec {
  [name: string]: { default: string; help: string };
}

export type Flags<S extends FlagSpec> = { [K in keyof S]: string };

export function parseFlags<S extends FlagSpec>(argv: string[], spec: S, usage: string): Flags<S> {
  const out: Record<string, string> = {};
  for (const [name, entry] of Object.entries(spec)) out[name] = entry.default;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(`${usage}\n\nOptions:`);
      for (const [name, entry] of Object.entries(spec)) console.log(`  --${name.padEnd(16)} ${entry.help} (default ${entry.default})`);
      process.exit(0);
    }
    const match = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    if (!match || !(match[1]! in spec)) throw new Error(`unknown option ${arg} (see --help)`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new Error(`option --${match[1]} needs a value`);
    out[match[1]!] = value;
  }
  return out as Flags<S>;
}

/** A positive number, or an error naming the flag. */
export function positive(flags: Record<string, string>, name: string): number {
  const value = Number(flags[name]);
  if (!(value > 0) || !Number.isFinite(value)) throw new Error(`--${name} must be a positive number, got "${flags[name]}"`);
  return value;
}
