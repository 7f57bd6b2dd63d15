/**
 * `firelens lint TEMPLATE... [--format text|json|sarif|junit] [--ignore-checks IDS] [--checks IDS]
 * [--strict-24224] [--list-rules]`. Results on stdout, diagnostics on stderr; the exit code is a bit
 * mask as cfn-lint's: 2 errors, 4 warnings, 8 informational, 32 usage error or unreadable file.
 */
import { TemplateParseError } from '../shared/errors';
import { expandTemplate, usesMacro } from '../shared/firelens/index';
import { catalog } from '../shared/rules/catalog';
import {
  compareFindings,
  ENGINE_RULES,
  EXPANSION_ERROR_META,
  isSelected,
  TEMPLATE_PARSE_ERROR_META,
  toFinding,
} from '../shared/rules/engine';
import { formatJson } from '../shared/rules/format/json';
import { formatJunit } from '../shared/rules/format/junit';
import { renderRulesTable } from '../shared/rules/format/rules-table';
import { formatSarif } from '../shared/rules/format/sarif';
import { formatText } from '../shared/rules/format/text';
import type { Formatter } from '../shared/rules/format/types';
import { lintTemplate } from '../shared/rules/lint';
import type { Finding, LintOptions, Severity } from '../shared/rules/types';
import { loadTemplate } from '../shared/template/load';
import { parseArgs } from './args';
import { type CliIo, type Command, EXIT_USAGE } from './io';

const FORMATTERS: Readonly<Record<string, Formatter>> = { text: formatText, json: formatJson, sarif: formatSarif, junit: formatJunit };

const EXIT_BITS: Readonly<Record<Severity, number>> = { error: 2, warning: 4, informational: 8 };

const LINT_USAGE =
  'usage: firelens lint TEMPLATE... [--format text|json|sarif|junit] [--ignore-checks FL1001,FL15] [--checks FL13] [--strict-24224] [--list-rules]\n';

/** cfn-lint's bit mask: 2 errors, 4 warnings, 8 informational; 0 when nothing was found. */
export const exitCodeFor = (findings: readonly Finding[]): number => findings.reduce((code, f) => code | EXIT_BITS[f.severity], 0);

const idList = (values: readonly string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toUpperCase())
    .filter((v) => v.length > 0);

/** FL0000 at the line and column the parser gave (1:1 when it gave none). */
const parseErrorFinding = (error: TemplateParseError, filename: string): Finding => {
  const line = error.line ?? 1;
  const column = error.column ?? 1;
  const finding = toFinding(TEMPLATE_PARSE_ERROR_META, { path: [], message: error.message }, { filename });
  return { ...finding, location: { line, column, endLine: line, endColumn: column } };
};

/** One file: parse (FL0000 on failure), expand the FireLens macro if used (FL0002 per problem), lint. */
export const lintText = (text: string, filename: string, options: LintOptions): Finding[] => {
  let loaded;
  try {
    loaded = loadTemplate(text);
  } catch (error: unknown) {
    if (!(error instanceof TemplateParseError)) {
      throw error;
    }
    return [parseErrorFinding(error, filename)];
  }
  const { template, locator } = loaded;
  const lintOptions: LintOptions = { ...options, filename, locator };
  if (!usesMacro(template)) {
    return lintTemplate(template, lintOptions);
  }
  const expanded = expandTemplate(template);
  if (!expanded.ok) {
    return expanded.problems
      .map((p) => toFinding(EXPANSION_ERROR_META, { path: p.path, message: p.message }, lintOptions))
      .filter((f) => isSelected(f.ruleId, options))
      .sort(compareFindings);
  }
  return lintTemplate(expanded.fragment, lintOptions);
};

export const lintCommand: Command = (args, io: CliIo) => {
  const parsed = parseArgs(args, { valued: ['format', 'ignore-checks', 'checks'], switches: ['strict-24224', 'list-rules'] });
  if ('error' in parsed) {
    io.stderr(`firelens lint: ${parsed.error}\n${LINT_USAGE}`);
    return EXIT_USAGE;
  }
  if (parsed.switches.has('list-rules')) {
    io.stdout(renderRulesTable(catalog));
    return 0;
  }
  const formatName = parsed.flags.get('format')?.at(-1) ?? 'text';
  const formatter = FORMATTERS[formatName];
  if (formatter === undefined) {
    io.stderr(`firelens lint: unknown format "${formatName}" (text, json, sarif, junit)\n`);
    return EXIT_USAGE;
  }
  if (parsed.positionals.length === 0) {
    io.stderr(`firelens lint: no template given\n${LINT_USAGE}`);
    return EXIT_USAGE;
  }
  const options: LintOptions = {
    ignoreRules: idList(parsed.flags.get('ignore-checks')),
    onlyRules: idList(parsed.flags.get('checks')),
    ruleOptions: { strictPort24224: parsed.switches.has('strict-24224') },
  };
  const findings: Finding[] = [];
  let unreadable = false;
  for (const file of parsed.positionals) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (error: unknown) {
      if (error instanceof TemplateParseError) {
        // Bytes that are not UTF-8 text: a finding like any other unreadable template.
        findings.push(parseErrorFinding(error, file));
        continue;
      }
      io.stderr(`firelens lint: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      unreadable = true;
      continue;
    }
    findings.push(...lintText(text, file, options));
  }
  const output = formatter({ findings, rules: [...ENGINE_RULES, ...catalog.map((r) => r.meta)], filenames: parsed.positionals });
  if (output.length > 0) {
    io.stdout(output);
  }
  return exitCodeFor(findings) | (unreadable ? EXIT_USAGE : 0);
};
