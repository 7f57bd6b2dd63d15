import { formatProblemPath } from '../shared/errors';
import { explainTemplate } from '../shared/explain/build';
import { renderText } from '../shared/explain/render-text';
import { refusal, runPipeline } from '../shared/pipeline';
import { parseArgs } from './args';
import { describeReadError, macroNameOf } from './expand-command';
import { EXPLAIN_HELP } from './help';
import { type CliIo, type Command, EXIT_USAGE, usageError } from './io';
import { maxBytesOption } from './read-template';

const NAME = 'firelens explain';

const EXPLAIN_ARGS = {
  valued: ['format', 'task', 'macro-name', 'max-bytes'],
  switches: ['help', 'no-config'],
  aliases: { h: 'help', f: 'format', t: 'task' },
};

/** The template's text, or the exit code after saying why there is none. */
const readText = (file: string, flags: ReadonlyMap<string, readonly string[]>, io: CliIo): string | number => {
  const maxBytes = maxBytesOption(flags.get('max-bytes'));
  if (typeof maxBytes !== 'number') {
    return usageError(io, NAME, maxBytes.error);
  }
  try {
    return io.readFile(file, { maxBytes });
  } catch (error) {
    io.stderr(describeReadError(file, error));
    return 1;
  }
};

/**
 * `firelens explain`: the Fluent Bit configuration ECS generates for each FireLens task of a template,
 * after the same expansion the macro does (a template whose Transform does not name the macro is read
 * as written), with each output's role, permissions and buffer memory.
 */
export const explainCommand: Command = (args, io) => {
  const parsed = parseArgs(args, EXPLAIN_ARGS);
  if ('error' in parsed) {
    return usageError(io, NAME, parsed.error);
  }
  if (parsed.switches.has('help')) {
    io.stdout(EXPLAIN_HELP);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    return usageError(io, NAME, parsed.positionals.length === 0 ? 'no template given' : 'takes one template');
  }
  const file = parsed.positionals[0] ?? '';
  const format = parsed.flags.get('format')?.at(-1) ?? 'text';
  if (format !== 'text' && format !== 'json') {
    return usageError(io, NAME, '--format must be text or json');
  }
  const macroName = macroNameOf(parsed.flags.get('macro-name')?.at(-1), parsed.switches.has('no-config'), io);
  if (typeof macroName !== 'string') {
    io.stderr(`${NAME}: ${macroName.error}\n`);
    return EXIT_USAGE;
  }
  const text = readText(file, parsed.flags, io);
  if (typeof text === 'number') {
    return text;
  }
  const result = runPipeline({ text, filename: file }, { expand: 'if-transform', macroName });
  if (result.prepared.stage === 'unreadable') {
    io.stderr(describeReadError(file, result.prepared.parseError));
    return 1;
  }
  const problems = refusal(result);
  if (result.prepared.stage !== 'expanded' || problems.length > 0) {
    io.stderr(
      `${file}: the macro would refuse the template, so nothing deploys:\n${problems.map((p) => `  ${formatProblemPath(p.path)}: ${p.message}\n`).join('')}`,
    );
    return 1;
  }
  return printTasks(explainTemplate(result.prepared.output), parsed.flags.get('task')?.at(-1), format, file, io);
};

const printTasks = (
  tasks: ReturnType<typeof explainTemplate>,
  wanted: string | undefined,
  format: string,
  file: string,
  io: CliIo,
): number => {
  const selected = wanted === undefined ? tasks : tasks.filter((task) => task.logicalId === wanted);
  if (wanted !== undefined && selected.length === 0) {
    const ids = tasks.map((task) => task.logicalId).join(', ');
    return usageError(io, NAME, `no FireLens task ${wanted} in ${file}; its FireLens tasks: ${ids === '' ? 'none' : ids}`);
  }
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ template: file, tasks: selected }, null, 2)}\n`);
  } else if (selected.length === 0) {
    io.stdout(`# ${file}: no task definition has a FireLens log router.\n`);
  } else {
    io.stdout(renderText(selected));
  }
  return 0;
};
