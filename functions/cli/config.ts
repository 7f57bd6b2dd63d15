/**
 * The config file, as ESLint and cfn-lint find theirs: the first `.firelensrc.yaml` (or `.yml`), or
 * `package.json` with a `"firelens"` key, in the current directory or the nearest parent. Command-line
 * options win over it.
 */
import { dirname, join } from 'node:path';

import { parse } from 'yaml';

import { type CliIo, isMissingFile } from './io';

export interface FireLensConfig {
  readonly checks?: readonly string[];
  readonly ignoreChecks?: readonly string[];
  readonly strict24224?: boolean;
  readonly format?: string;
  readonly macroName?: string;
}

/** The config and the file it came from; `undefined` when none was found (or `io.cwd` is unknown). */
export type ConfigResult = { readonly file: string; readonly config: FireLensConfig } | undefined | { readonly error: string };

const RC_FILES = ['.firelensrc.yaml', '.firelensrc.yml'];
const KEYS = ['checks', 'ignore-checks', 'strict-24224', 'format', 'macro-name'];

/** The file's text, or `undefined` when there is no such file. */
const readIfPresent = (io: CliIo, file: string): string | undefined => {
  try {
    return io.readFile(file);
  } catch (error) {
    if (isMissingFile(error)) {
      return undefined;
    }
    throw error;
  }
};

const idList = (value: unknown, key: string): readonly string[] | { error: string } => {
  if (typeof value === 'string') {
    return value.split(',');
  }
  if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) {
    return value;
  }
  return { error: `"${key}" must be a list of rule ids or a comma-separated string` };
};

const optionalString = (raw: Readonly<Record<string, unknown>>, key: string): string | undefined | { error: string } => {
  const value = raw[key];
  return value === undefined || typeof value === 'string' ? value : { error: `"${key}" must be a string` };
};

/** A parsed config document → typed settings, or the first mistake in it. */
const readConfig = (raw: unknown): FireLensConfig | { error: string } => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { error: 'must be a mapping of settings' };
  }
  const record = raw as Readonly<Record<string, unknown>>;
  const unknownKey = Object.keys(record).find((key) => !KEYS.includes(key));
  if (unknownKey !== undefined) {
    return { error: `unknown key "${unknownKey}" (known: ${KEYS.join(', ')})` };
  }
  const checks = record['checks'] === undefined ? undefined : idList(record['checks'], 'checks');
  const ignoreChecks = record['ignore-checks'] === undefined ? undefined : idList(record['ignore-checks'], 'ignore-checks');
  const strict = record['strict-24224'];
  const format = optionalString(record, 'format');
  const macroName = optionalString(record, 'macro-name');
  for (const value of [checks, ignoreChecks, format, macroName]) {
    if (typeof value === 'object' && 'error' in value) {
      return value;
    }
  }
  if (strict !== undefined && typeof strict !== 'boolean') {
    return { error: '"strict-24224" must be true or false' };
  }
  return {
    checks: checks as readonly string[] | undefined,
    ignoreChecks: ignoreChecks as readonly string[] | undefined,
    strict24224: strict,
    format: format as string | undefined,
    macroName: macroName as string | undefined,
  };
};

/** The config in `dir` itself: an rc file, else a package.json `"firelens"` key; `undefined` when neither. */
const configIn = (io: CliIo, dir: string): ConfigResult => {
  for (const name of RC_FILES) {
    const file = join(dir, name);
    const text = readIfPresent(io, file);
    if (text !== undefined) {
      return located(file, () => parse(text) as unknown);
    }
  }
  const file = join(dir, 'package.json');
  const text = readIfPresent(io, file);
  if (text === undefined) {
    return undefined;
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    return { error: `${file}: cannot parse: ${error instanceof Error ? error.message : String(error)}` };
  }
  return typeof manifest === 'object' && manifest !== null && 'firelens' in manifest
    ? located(`${file} ("firelens" key)`, () => manifest.firelens)
    : undefined;
};

const located = (file: string, read: () => unknown): ConfigResult => {
  let raw: unknown;
  try {
    raw = read();
  } catch (error) {
    return { error: `${file}: cannot parse: ${error instanceof Error ? error.message : String(error)}` };
  }
  const config = readConfig(raw ?? {});
  return 'error' in config ? { error: `${file}: ${config.error}` } : { file, config };
};

/** Walks from `io.cwd` up to the file-system root; the first directory with a config wins. */
export const findConfig = (io: CliIo): ConfigResult => {
  if (io.cwd === undefined) {
    return undefined;
  }
  for (let dir = io.cwd; ; dir = dirname(dir)) {
    const found = configIn(io, dir);
    if (found !== undefined || dirname(dir) === dir) {
      return found;
    }
  }
};
