/** A tiny argument reader: `--flag value`, `--flag=value`, short aliases (`-o value`), repeated flags, and positionals. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly flags: Map<string, string[]>;
  readonly switches: Set<string>;
}

export interface ArgSpec {
  readonly valued: readonly string[];
  readonly switches: readonly string[];
  /** Short options and the long name each stands for (`{ h: 'help', o: 'output-file' }`). */
  readonly aliases?: Readonly<Record<string, string>>;
}

/** `--name=value` → `['name', 'value']`, `--name` → `['name', undefined]`, `-o` → `['output-file', undefined]`. */
const optionName = (arg: string, spec: ArgSpec): { name: string; inline: string | undefined } | { error: string } => {
  if (!arg.startsWith('--')) {
    const long = spec.aliases?.[arg.slice(1)];
    return long === undefined ? { error: `unknown option ${arg}` } : { name: long, inline: undefined };
  }
  const eq = arg.indexOf('=');
  return eq < 0 ? { name: arg.slice(2), inline: undefined } : { name: arg.slice(2, eq), inline: arg.slice(eq + 1) };
};

export const parseArgs = (args: readonly string[], spec: ArgSpec): ParsedArgs | { error: string } => {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const option = optionName(arg, spec);
    if ('error' in option) {
      return option;
    }
    const { name, inline } = option;
    if (spec.switches.includes(name)) {
      switches.add(name);
      continue;
    }
    if (!spec.valued.includes(name)) {
      return { error: `unknown option --${name}` };
    }
    const value = inline ?? args[(i += 1)];
    if (value === undefined) {
      return { error: `--${name} needs a value` };
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { positionals, flags, switches };
};
