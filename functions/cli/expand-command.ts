import { stringify } from 'yaml';

import { formatProblemPath, type Problem, TemplateParseError } from '../shared/errors';
import { DEFAULT_MACRO_NAME } from '../shared/firelens';
import { refusal, runPipeline } from '../shared/pipeline';
import type { Finding } from '../shared/rules/types';
import type { JsonObject } from '../shared/template/intrinsics';
import { loadTemplate } from '../shared/template/load';
import type { TemplatePath } from '../shared/template/locator';
import { parseArgs } from './args';
import { findConfig } from './config';
import { EXPAND_HELP } from './help';
import { type CliIo, type Command, EXIT_USAGE, usageError } from './io';
import { maxBytesOption } from './read-template';

const NAME = 'firelens expand';

const EXPAND_ARGS = {
  valued: ['format', 'macro-name', 'region', 'account', 'param', 'max-bytes'],
  switches: ['event', 'help', 'no-config'],
  aliases: { h: 'help', f: 'format' },
};

/** `--macro-name`, else the config file's `macro-name`, else the default; or the config file's mistake. */
export const macroNameOf = (flag: string | undefined, noConfig: boolean, io: CliIo): string | { error: string } => {
  if (flag !== undefined) {
    return flag;
  }
  const found = noConfig ? undefined : findConfig(io);
  if (found !== undefined && 'error' in found) {
    return found;
  }
  return found?.config.macroName ?? DEFAULT_MACRO_NAME;
};

/**
 * `firelens expand`: reads a template (YAML with short-form tags, or JSON), runs the same expansion as
 * the macro and prints the result. With `--event` it prints instead the macro event CloudFormation would
 * send for it (region, account and parameter values from the flags), ready for `sam local invoke -e`.
 */
export const expandCommand: Command = (args, io) => {
  const parsed = parseArgs(args, EXPAND_ARGS);
  if ('error' in parsed) {
    return usageError(io, NAME, parsed.error);
  }
  if (parsed.switches.has('help')) {
    io.stdout(EXPAND_HELP);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    return usageError(io, NAME, parsed.positionals.length === 0 ? 'no template given' : 'takes one template');
  }
  const file = parsed.positionals[0] ?? '';
  const format = parsed.flags.get('format')?.at(-1) ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') {
    return usageError(io, NAME, '--format must be yaml or json');
  }
  const params = parseParams(parsed.flags.get('param') ?? []);
  if ('error' in params) {
    return usageError(io, NAME, params.error);
  }
  const macroName = macroNameOf(parsed.flags.get('macro-name')?.at(-1), parsed.switches.has('no-config'), io);
  if (typeof macroName !== 'string') {
    io.stderr(`${NAME}: ${macroName.error}\n`);
    return EXIT_USAGE;
  }
  const maxBytes = maxBytesOption(parsed.flags.get('max-bytes'));
  if (typeof maxBytes !== 'number') {
    return usageError(io, NAME, maxBytes.error);
  }
  let text: string;
  try {
    text = io.readFile(file, { maxBytes });
  } catch (error) {
    io.stderr(describeReadError(file, error));
    return 1;
  }
  if (parsed.switches.has('event')) {
    return writeEvent(text, file, parsed.flags, params.values, macroName, io);
  }
  // The same pipeline as the deployed macro: it refuses exactly what the macro would refuse.
  const result = runPipeline({ text, filename: file }, { expand: 'always', macroName });
  if (result.prepared.stage === 'unreadable') {
    io.stderr(describeReadError(file, result.prepared.parseError));
    return 1;
  }
  const problems = refusal(result);
  if (result.prepared.stage !== 'expanded' || problems.length > 0) {
    const locations = new Map(result.findings.map((f) => [f.path, f.location]));
    io.stderr(`${file}: FireLens expansion failed:\n${problems.map((p) => `  ${describeProblem(p, locations)}\n`).join('')}`);
    return 1;
  }
  const output = result.prepared.output;
  io.stdout(format === 'json' ? `${JSON.stringify(output, null, 2)}\n` : toYaml(output));
  return 0;
};

/** `file:line:col` of a problem when its path was located, then the path and the message. */
const describeProblem = (problem: Problem, locations: ReadonlyMap<TemplatePath, Finding['location']>): string => {
  const located = locations.get(problem.path);
  const where = located === undefined ? '' : `${String(located.line)}:${String(located.column)}: `;
  return `${where}${formatProblemPath(problem.path)}: ${problem.message}`;
};

/** The macro event CloudFormation would send for the template (region, account and parameters from the flags). */
const writeEvent = (
  text: string,
  file: string,
  flags: ReadonlyMap<string, readonly string[]>,
  templateParameterValues: Record<string, string>,
  macroName: string,
  io: CliIo,
): number => {
  let template: JsonObject;
  try {
    template = loadTemplate(text).template;
  } catch (error) {
    io.stderr(describeReadError(file, error));
    return 1;
  }
  // CloudFormation sends a template-level macro the template without its Transform section.
  const fragment = Object.fromEntries(Object.entries(template).filter(([key]) => key !== 'Transform'));
  const accountId = flags.get('account')?.at(-1) ?? '123456789012';
  const event = {
    region: flags.get('region')?.at(-1) ?? 'us-east-1',
    accountId,
    fragment,
    transformId: `${accountId}::${macroName}`,
    params: {},
    requestId: '00000000-0000-4000-8000-000000000000',
    templateParameterValues,
  };
  io.stdout(`${JSON.stringify(event, null, 2)}\n`);
  return 0;
};

const parseParams = (pairs: readonly string[]): { values: Record<string, string> } | { error: string } => {
  const values: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) {
      return { error: `--param takes KEY=VALUE, got "${pair}"` };
    }
    values[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { values };
};

export const describeReadError = (file: string, error: unknown): string => {
  if (error instanceof TemplateParseError) {
    return `${file}${error.line === undefined ? '' : `:${String(error.line)}:${String(error.column ?? 1)}`}: cannot parse the template: ${error.message}\n`;
  }
  const code = (error as { code?: unknown }).code;
  return `${file}: cannot read the file${typeof code === 'string' ? ` (${code})` : ''}: ${error instanceof Error ? error.message : String(error)}\n`;
};

/**
 * YAML for CloudFormation. Written with the YAML 1.1 rules so that strings which 1.1 readers would take
 * for dates, booleans or numbers (`2010-09-09`, `on`, `0755`) come out quoted.
 */
const toYaml = (value: unknown): string => stringify(value, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
