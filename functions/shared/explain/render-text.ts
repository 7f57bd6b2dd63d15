/**
 * `firelens explain` as text. The agent's configuration is printed as the agent writes it; everything
 * else is a `#` comment, so one task's text is still a Fluent Bit configuration file.
 */
import { AVERAGE_LINE_BYTES } from './outputs';
import type { ExplainedBuffer, ExplainedOutput, ExplainedTask } from './types';

const UNITS: readonly (readonly [string, number])[] = [
  ['GiB', 2 ** 30],
  ['MiB', 2 ** 20],
  ['KiB', 2 ** 10],
];

/** 4294967296 → "4 GiB", 1536 → "1.5 KiB". */
const formatBytes = (bytes: number): string => {
  const [unit, size] = UNITS.find(([, s]) => bytes >= s) ?? ['bytes', 1];
  return `${String(Math.round((bytes / size) * 10) / 10)} ${unit}`;
};

const header = (task: ExplainedTask): string[] => {
  const where = [task.networkMode === undefined ? 'network mode known at deploy' : `network mode ${task.networkMode}`];
  if (task.compatibilities.length > 0) {
    where.push(task.compatibilities.join(', '));
  }
  return [
    `# ${task.logicalId}: log router "${task.router.name}" (${task.router.type}), ${where.join(', ')}`,
    ...(task.condition === undefined ? [] : [`# Created only when the condition ${task.condition} is true.`]),
    task.config === ''
      ? '# The agent file is not rendered (see the notes below).'
      : `# /fluent-bit/etc/fluent-bit.conf, as the ECS agent generates it (no [SERVICE] section: see Service below).`,
  ];
};

const initLines = (task: ExplainedTask): string[] => {
  if (task.initConfig === undefined) {
    return [];
  }
  const sources = task.initIncludes.map(
    (i) => `#   ${i.path} <- ${i.from}${i.s3Object === undefined ? '' : ` (downloaded from ${i.s3Object})`}`,
  );
  return [
    '# /init/fluent-bit-init.conf, the init image main file Fluent Bit is started with (-c):',
    ...task.initConfig
      .trimEnd()
      .split('\n')
      .map((line) => `#   ${line}`),
    '# Init-image files, in the order of the router environment (a file with [PARSER] sections is passed with -R instead):',
    ...sources,
    '#',
  ];
};

const serviceLines = (task: ExplainedTask): string[] => {
  const width = Math.max(...task.service.map((s) => `${s.key} ${s.value}`.length));
  return [
    '# Service (the settings Fluent Bit runs with, last file wins):',
    ...task.service.map((s) => `#   ${`${s.key} ${s.value}`.padEnd(width)}  ${s.from}`),
    `# Router: Mem_Buf_Limit ${task.router.memBufLimit} on the forward input (half the router memory, else 25MB; ECS agent 1.89.0+), ` +
      `StopTimeout ${task.router.stopTimeout === undefined ? 'ECS default (30 s)' : `${String(task.router.stopTimeout)} s`}.`,
    ...(task.configFile === undefined
      ? []
      : [
          `# Config file: ${task.configFile.path} <- config-file-value${task.configFile.s3Object === undefined ? '' : ` ${task.configFile.s3Object}`}`,
        ]),
  ];
};

const bufferLine = (buffer: ExplainedBuffer): string => {
  if (buffer.lines === undefined || buffer.estimateBytes === undefined) {
    return '#     buffer: log-driver-buffer-limit is known only at deploy time';
  }
  return `#     buffer: ${String(buffer.lines)} log lines (${buffer.from}) x ${String(AVERAGE_LINE_BYTES)} bytes ~ ${formatBytes(buffer.estimateBytes)} at most`;
};

const outputLines = (output: ExplainedOutput): string[] => {
  const permissions = output.permissions.map((p) => `${p.actions.join(', ')} on ${p.resources.join(', ')}`);
  return [
    `#   ${output.container} -> ${output.plugin ?? '(no [OUTPUT])'}, Match ${output.match}`,
    `#     signed by: ${output.taskRole === undefined ? 'no task role (the output gets no AWS credentials)' : `task role ${output.taskRole}`}` +
      (output.assumesRole === undefined ? '' : `, which assumes ${output.assumesRole}`),
    ...(permissions.length === 0
      ? ['#     permissions: none derived']
      : permissions.map((p, i) => `#     ${i === 0 ? 'permissions: ' : '             '}${p}`)),
    ...output.secretOptions.map(
      (s) => `#     secret: ${s.name} = ${s.variable}, from SecretOptions ${s.valueFrom} (read by ${output.secretsReadBy ?? ''})`,
    ),
    bufferLine(output.buffer),
    ...output.notes.map((note) => `#     note: ${note}`),
  ];
};

const totalLine = (task: ExplainedTask): string[] => {
  const known = task.outputs.map((o) => o.buffer.estimateBytes).filter((b): b is number => b !== undefined);
  if (task.outputs.length < 2 || known.length === 0) {
    return [];
  }
  const some = known.length < task.outputs.length ? ' (of the buffers known before deploy)' : '';
  return [`# Buffers together: ~ ${formatBytes(known.reduce((a, b) => a + b, 0))} at most${some}; each estimate assumes 2 KiB lines.`];
};

/** One task's text. */
const renderTaskText = (task: ExplainedTask): string =>
  [
    ...header(task),
    ...(task.config === '' ? [] : [task.config.trimEnd()]),
    '',
    ...initLines(task),
    ...serviceLines(task),
    '#',
    '# Outputs (the task role signs their AWS calls):',
    ...(task.outputs.length === 0 ? ['#   none: no container uses the awsfirelens log driver'] : task.outputs.flatMap(outputLines)),
    ...totalLine(task),
    ...task.notes.map((note) => `# note: ${note}`),
    '',
  ].join('\n');

const LEGEND =
  '# ${Ref:X}, ${GetAtt:X.Attr}, ${Sub:...} are resolved by CloudFormation at deploy; <...> by ECS when the task starts;\n' +
  '# ${<option>_<n>} is the environment variable ECS fills from a secret option.\n';

/** Every task's text, with the legend once. */
export const renderText = (tasks: readonly ExplainedTask[]): string => `${LEGEND}\n${tasks.map(renderTaskText).join('\n')}`;
