/** A tiny argument reader: `--flag value`, `--flag=value`, repeated flags, and positionals. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string[]>;
  readonly switches: Set<string>;
}

export const parseArgs = (
  args: readonly string[],
  spec: { readonly valued: readonly string[]; readonly switches: readonly string[] },
): ParsedArgs | { error: string } => {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    if (spec.switches.includes(name)) {
      switches.add(name);
      continue;
    }
    if (!spec.valued.includes(name)) {
      return { error: `unknown option --${name}` };
    }
    const value = eq < 0 ? args[(i += 1)] : arg.slice(eq + 1);
    if (value === undefined) {
      return { error: `--${name} needs a value` };
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { positionals, flags, switches };
};
