/**
 * `firelens lint TEMPLATE... [--format text|json|sarif|junit] [--ignore-checks IDS] [--checks IDS]
 * [--strict-24224] [--macro-name NAME] [--list-rules]`. Results on stdout, diagnostics on stderr; the exit code is a bit
 * mask as cfn-lint's: 2 errors, 4 warnings, 8 informational, 32 usage error or unreadable file.
 */
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
import type { Formatter } from '../shared/rules/format/types';
import type { Finding, LintOptions, Severity } from '../shared/rules/types';
import { parseArgs } from './args';
import { type CliIo, type Command, EXIT_USAGE } from './io';
import { maxBytesOption, TemplateTooLargeError } from './read-template';

const FORMATTERS: Readonly<Record<string, Formatter>> = { text: formatText, json: formatJson, sarif: formatSarif, junit: formatJunit };

const EXIT_BITS: Readonly<Record<Severity, number>> = { error: 2, warning: 4, informational: 8 };

const LINT_USAGE =
  'usage: firelens lint TEMPLATE... [--format text|json|sarif|junit] [--ignore-checks FL1001,FL15] [--checks FL13] [--strict-24224] [--macro-name NAME] [--max-bytes N] [--list-rules]\n';

/** cfn-lint's bit mask: 2 errors, 4 warnings, 8 informational; 0 when nothing was found. */
const exitCodeFor = (findings: readonly Finding[]): number => findings.reduce((code, f) => code | EXIT_BITS[f.severity], 0);

const idList = (values: readonly string[] | undefined): string[] =>
  (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim().toUpperCase())
    .filter((v) => v.length > 0);

/** One file through the pipeline: parse (FL0000), expand when its Transform names the macro (FL0002), the rules. */
export const lintText = (text: string, filename: string, options: LintOptions, macroName = DEFAULT_MACRO_NAME): readonly Finding[] =>
  runPipeline({ text, filename }, { expand: 'if-transform', macroName, lint: options }).findings;

export const lintCommand: Command = (args, io: CliIo) => {
  const parsed = parseArgs(args, {
    valued: ['format', 'ignore-checks', 'checks', 'macro-name', 'max-bytes'],
    switches: ['strict-24224', 'list-rules'],
  });
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
  const maxBytes = maxBytesOption(parsed.flags.get('max-bytes'));
  if (typeof maxBytes !== 'number') {
    io.stderr(`firelens lint: ${maxBytes.error}\n${LINT_USAGE}`);
    return EXIT_USAGE;
  }
  const findings: Finding[] = [];
  let unreadable = false;
  for (const file of parsed.positionals) {
    let text: string;
    try {
      text = io.readFile(file, { maxBytes });
    } catch (error: unknown) {
      // A file over --max-bytes is an FL0000 finding and, as a file that cannot be read, exit 32.
      unreadable ||= error instanceof TemplateTooLargeError;
      if (error instanceof TemplateParseError) {
        // Bytes that are not UTF-8 text: a finding like any other unreadable template.
        findings.push(...unreadableTemplate(error, file).findings);
        continue;
      }
      io.stderr(`firelens lint: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      unreadable = true;
      continue;
    }
    findings.push(...lintText(text, file, options, parsed.flags.get('macro-name')?.at(-1)));
  }
  const output = formatter({ findings, rules: [...ENGINE_RULES, ...catalog.map((r) => r.meta)], filenames: parsed.positionals });
  if (output.length > 0) {
    io.stdout(output);
  }
  return exitCodeFor(findings) | (unreadable ? EXIT_USAGE : 0);
};
