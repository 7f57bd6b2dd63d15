/**
 * `firelens lint TEMPLATE... [options]` (see LINT_HELP). Results on stdout or `--output-file`, diagnostics
 * on stderr; the exit code is a bit mask as cfn-lint's: 2 errors, 4 warnings, 8 informational, 32 usage
 * error, bad config or unreadable file.
 */
import { resolve } from 'node:path';

import { TemplateParseError } from '../shared/errors';
import { DEFAULT_MACRO_NAME } from '../shared/firelens/index';
import { runPipeline, unreadableTemplate } from '../shared/pipeline';
import { catalog } from '../shared/rules/catalog';
import { ENGINE_RULES } from '../shared/rules/engine';
import { formatJson } from '../shared/rules/format/json';
import { formatJunit } from '../shared/rules/format/junit';
import { renderRulesTable } from '../shared/rules/format/rules-table';
import { formatSarif } from '../shared/rules/format/sarif';
import { formatText } from '../shared/rules/format/text';
import type { Formatter, ToolInfo } from '../shared/rules/format/types';
import { parseRuleSettings } from '../shared/rules/rule-options';
import { describeSuppression, MIN_SUPPRESSION_PREFIX, readSuppressions, type SuppressedFinding } from '../shared/rules/suppressions';
import type { Finding, LintOptions, Severity } from '../shared/rules/types';
import type { JsonObject } from '../shared/template/intrinsics';
import { type Locator, pathString } from '../shared/template/locator';
import { parseArgs, type ParsedArgs } from './args';
import { findConfig } from './config';
import { expandTemplateArgs, useColour } from './files';
import { LINT_HELP } from './help';
import { type CliIo, type Command, errorMessage, EXIT_USAGE, usageError } from './io';
import { maxBytesOption, TemplateTooLargeError } from './read-template';
import { FIRELENS_VERSION } from './version';

const FORMATTERS: Readonly<Record<string, Formatter>> = { text: formatText, json: formatJson, sarif: formatSarif, junit: formatJunit };

const EXIT_BITS: Readonly<Record<Severity, number>> = { error: 2, warning: 4, informational: 8 };

const NAME = 'firelens lint';

const TOOL: ToolInfo = {
  name: 'firelens-lint',
  version: FIRELENS_VERSION,
  informationUri: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html',
};

const LINT_ARGS = {
  valued: ['format', 'ignore-checks', 'checks', 'macro-name', 'output-file', 'max-bytes', 'configure-rule'],
  switches: ['strict-24224', 'list-rules', 'help', 'no-config', 'show-suppressed'],
  aliases: { h: 'help', f: 'format', o: 'output-file' },
};

/** cfn-lint's bit mask: 2 errors, 4 warnings, 8 informational; 0 when nothing was found. */
const exitCodeFor = (findings: readonly Finding[]): number => findings.reduce((code, f) => code | EXIT_BITS[f.severity], 0);

const idList = (values: readonly string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toUpperCase())
    .filter((v) => v.length > 0);

/** One file through the pipeline: parse (FL0000), expand when its Transform names the macro (FL0002), the rules. */
export const lintText = (text: string, filename: string, options: LintOptions, macroName = DEFAULT_MACRO_NAME): readonly Finding[] =>
  lintTextInDetail(text, filename, options, macroName).findings;

/** What one file gave: its findings, those its own ignore_checks switched off, and remarks for stderr. */
interface FileResult {
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  readonly warnings: readonly string[];
}

const lintTextInDetail = (text: string, filename: string, options: LintOptions, macroName = DEFAULT_MACRO_NAME): FileResult => {
  const suppressed: SuppressedFinding[] = [];
  const onSuppressed = (s: SuppressedFinding): void => {
    suppressed.push(s);
  };
  const { prepared, findings } = runPipeline({ text, filename }, { expand: 'if-transform', macroName, lint: { ...options, onSuppressed } });
  const warnings = prepared.stage === 'expanded' ? tooShortWarnings(prepared.template, prepared.locator, filename) : [];
  return { findings, suppressed: suppressed.filter((s) => s.honoured), warnings };
};

/** An ignore_checks entry that can match no rule is most likely a mistake (or an attempt to silence everything). */
const tooShortWarnings = (template: JsonObject, locator: Locator, filename: string): string[] =>
  readSuppressions(template).tooShort.map((entry) => {
    const where = locator(entry.path);
    const at = where === undefined ? pathString(entry.path) : `${String(where.line)}:${String(where.column)}`;
    return `${NAME}: ${filename}:${at}: warning: ignore_checks entry "${entry.entry}" matches no rule: an entry is a rule id or a prefix of at least ${String(MIN_SUPPRESSION_PREFIX)} characters (FL13)\n`;
  });

interface LintSettings {
  readonly formatName: string;
  readonly options: LintOptions;
  readonly macroName: string | undefined;
  readonly outputFile: string | undefined;
  /** The size cap of a template file (--max-bytes). */
  readonly maxBytes: number;
  /** --show-suppressed: list the findings the templates' ignore_checks switched off. */
  readonly showSuppressed: boolean;
}

/** Flags over the config file over the defaults. */
const resolveSettings = (parsed: ParsedArgs, io: CliIo): LintSettings | { error: string } => {
  const found = parsed.switches.has('no-config') ? undefined : findConfig(io);
  if (found !== undefined && 'error' in found) {
    return found;
  }
  const maxBytes = maxBytesOption(parsed.flags.get('max-bytes'));
  if (typeof maxBytes !== 'number') {
    return maxBytes;
  }
  // Every --configure-rule, checked against the catalogue; the first bad one is a usage error.
  const ruleSettings = parseRuleSettings(parsed.flags.get('configure-rule') ?? [], catalog);
  if ('error' in ruleSettings) {
    return { error: `--configure-rule: ${ruleSettings.error}` };
  }
  const config = found?.config ?? {};
  const flag = (name: string): string | undefined => parsed.flags.get(name)?.at(-1);
  return {
    formatName: flag('format') ?? config.format ?? 'text',
    options: {
      ignoreRules: idList(parsed.flags.get('ignore-checks') ?? config.ignoreChecks),
      onlyRules: idList(parsed.flags.get('checks') ?? config.checks),
      ruleOptions: {
        strictPort24224: parsed.switches.has('strict-24224') || config.strict24224 === true,
        configureRules: ruleSettings.configured,
      },
    },
    macroName: flag('macro-name') ?? config.macroName,
    outputFile: flag('output-file'),
    maxBytes,
    showSuppressed: parsed.switches.has('show-suppressed'),
  };
};

/** Every file through the pipeline; a file that cannot be read is reported on stderr and flagged. */
const lintFiles = (
  files: readonly string[],
  settings: LintSettings,
  io: CliIo,
): { findings: Finding[]; suppressed: SuppressedFinding[]; unreadable: boolean } => {
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  let unreadable = false;
  for (const file of files) {
    let text: string;
    try {
      text = io.readFile(file, { maxBytes: settings.maxBytes });
    } catch (error: unknown) {
      // A file over --max-bytes is an FL0000 finding and, as a file that cannot be read, exit 32.
      unreadable ||= error instanceof TemplateTooLargeError;
      if (error instanceof TemplateParseError) {
        // Bytes that are not UTF-8 text: a finding like any other unreadable template.
        findings.push(...unreadableTemplate(error, file).findings);
        continue;
      }
      io.stderr(`${NAME}: cannot read ${file}: ${errorMessage(error)}\n`);
      unreadable = true;
      continue;
    }
    const result = lintTextInDetail(text, file, settings.options, settings.macroName);
    findings.push(...result.findings);
    suppressed.push(...result.suppressed);
    for (const warning of result.warnings) {
      io.stderr(warning);
    }
  }
  return { findings, suppressed, unreadable };
};

/** The report to stdout, or to `--output-file`; false when the file cannot be written. */
const writeReport = (output: string, outputFile: string | undefined, io: CliIo): boolean => {
  if (outputFile === undefined) {
    if (output.length > 0) {
      io.stdout(output);
    }
    return true;
  }
  try {
    if (io.writeFile === undefined) {
      throw new Error('this environment cannot write files');
    }
    io.writeFile(outputFile, output);
    return true;
  } catch (error) {
    io.stderr(`${NAME}: cannot write ${outputFile}: ${errorMessage(error)}\n`);
    return false;
  }
};

export const lintCommand: Command = (args, io: CliIo) => {
  const parsed = parseArgs(args, LINT_ARGS);
  if ('error' in parsed) {
    return usageError(io, NAME, parsed.error);
  }
  if (parsed.switches.has('help') || parsed.switches.has('list-rules')) {
    io.stdout(parsed.switches.has('help') ? LINT_HELP : renderRulesTable(catalog));
    return 0;
  }
  const settings = resolveSettings(parsed, io);
  if ('error' in settings) {
    io.stderr(`${NAME}: ${settings.error}\n`);
    return EXIT_USAGE;
  }
  const formatter = FORMATTERS[settings.formatName];
  if (formatter === undefined) {
    return usageError(io, NAME, `unknown format "${settings.formatName}" (text, json, sarif, junit)`);
  }
  const files = parsed.positionals.length === 0 ? { error: 'no template given' } : expandTemplateArgs(parsed.positionals, io);
  if ('error' in files) {
    return usageError(io, NAME, files.error);
  }
  const { findings, suppressed, unreadable } = lintFiles(files.files, settings, io);
  const output = formatter({
    findings,
    ...(settings.showSuppressed ? { suppressed: suppressed.map(({ finding, by }) => ({ finding, by: describeSuppression(by) })) } : {}),
    rules: [...ENGINE_RULES, ...catalog.map((r) => r.meta)],
    filenames: files.files,
    color: useColour(io, settings.outputFile !== undefined),
    tool: TOOL,
    ...(io.cwd === undefined ? {} : { srcRoot: resolve(io.cwd) }),
  });
  const written = writeReport(output, settings.outputFile, io);
  return exitCodeFor(findings) | (unreadable || !written ? EXIT_USAGE : 0);
};
