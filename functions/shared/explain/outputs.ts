/**
 * One routed container's `[OUTPUT]` as the ECS agent builds it from the container's log options
 * (amazon-ecs-agent agent/api/task/task.go `collectFirelensLogOptions`, `collectFirelensLogEnvOptions`;
 * agent/taskresource/firelens/firelensconfig_unix.go `addOutputSection`), with the role that signs it,
 * the permissions it needs (the same catalogue the macro grants from) and its buffer's memory.
 */
import { findOption, outputPluginByName, statementsForOutput } from '../fluentbit/outputs';
import { isObject, type Json, type JsonObject, literalInteger, literalString } from '../template/intrinsics';
import { byteOrder } from './agent-config';
import { displayValue, literalObject } from './display';
import type { ExplainedBuffer, ExplainedOutput, ExplainedSecretOption } from './types';

/** Keys the agent takes out of the options (exact names, as the agent compares them). */
const OUTPUT_KEY = 'Name';
const INCLUDE_PATTERN = 'include-pattern';
const EXCLUDE_PATTERN = 'exclude-pattern';
const BUFFER_LIMIT = 'log-driver-buffer-limit';
/** ECS's default `log-driver-buffer-limit`, in log lines ("Configuring Amazon ECS logs for high throughput"). */
const DEFAULT_BUFFER_LINES = 1048576;
/** The average log line the estimate assumes: the ECS guide's example (2 KiB lines). */
export const AVERAGE_LINE_BYTES = 2048;

export interface OutputSource {
  readonly name: string;
  /** Position among the task's containers: the agent's secret variables are `${<option>_<index>}`. */
  readonly index: number;
  readonly logConfiguration: Json | undefined;
  readonly taskRole: string | undefined;
  readonly executionRole: string | undefined;
  readonly resources: JsonObject;
}

const bufferOf = (value: Json | undefined): ExplainedBuffer => {
  if (value === undefined) {
    return { lines: DEFAULT_BUFFER_LINES, from: 'ECS default', estimateBytes: DEFAULT_BUFFER_LINES * AVERAGE_LINE_BYTES };
  }
  const lines = literalInteger(value);
  return { lines, from: BUFFER_LIMIT, estimateBytes: lines === undefined ? undefined : lines * AVERAGE_LINE_BYTES };
};

/** The agent writes `${<name>_<index>}` and hands the secret to the router as that environment variable. */
const secretOptionsOf = (raw: Json | undefined, index: number, notes: string[]): ExplainedSecretOption[] => {
  if (raw === undefined) {
    return [];
  }
  if (!Array.isArray(raw)) {
    notes.push(`SecretOptions is ${displayValue(raw)}: the options it sets are not shown.`);
    return [];
  }
  return raw.flatMap((entry): ExplainedSecretOption[] => {
    const name = isObject(entry) ? literalString(entry['Name']) : undefined;
    if (name === undefined || !isObject(entry)) {
      notes.push(`A SecretOptions entry is ${displayValue(entry)}: the option it sets is not shown.`);
      return [];
    }
    return [{ name, variable: `\${${name}_${String(index)}}`, valueFrom: displayValue(entry['ValueFrom'] ?? null) }];
  });
};

const permissionsOf = (
  options: JsonObject,
  source: OutputSource,
  notes: string[],
): Pick<ExplainedOutput, 'permissions' | 'assumesRole'> => {
  const result = statementsForOutput(options, { resources: source.resources });
  notes.push(...result.notes);
  const plugin = outputPluginByName(literalString(findOption(options, OUTPUT_KEY)?.value) ?? '');
  const role = plugin?.roleOption === undefined ? undefined : findOption(options, plugin.roleOption);
  return {
    permissions: result.statements.map((s) => ({ actions: s.Action, resources: s.Resource.map((r) => displayValue(r)) })),
    assumesRole: role === undefined ? undefined : displayValue(role.value),
  };
};

const splitOptions = (options: JsonObject): { plain: [string, string][]; include?: string; exclude?: string } => {
  const plain: [string, string][] = [];
  let include: string | undefined;
  let exclude: string | undefined;
  for (const [key, value] of Object.entries(options)) {
    if (key === INCLUDE_PATTERN) {
      include = displayValue(value);
    } else if (key === EXCLUDE_PATTERN) {
      exclude = displayValue(value);
    } else if (key !== OUTPUT_KEY && key !== BUFFER_LIMIT) {
      plain.push([key, displayValue(value)]);
    }
  }
  return { plain, ...(include === undefined ? {} : { include }), ...(exclude === undefined ? {} : { exclude }) };
};

/** The container's output; `Match <container>-firelens*` (agent: fluentTagOutputFormat). */
export const explainOutput = (source: OutputSource): ExplainedOutput => {
  const notes: string[] = [];
  const logConfiguration = isObject(source.logConfiguration) ? source.logConfiguration : {};
  const rawOptions = logConfiguration['Options'];
  const options: JsonObject = literalObject(rawOptions) ?? {};
  if (rawOptions !== undefined && options !== rawOptions) {
    notes.push(`LogConfiguration.Options is ${displayValue(rawOptions)}: the output's options are known only at deploy time.`);
  }
  const secrets = secretOptionsOf(logConfiguration['SecretOptions'], source.index, notes);
  const { plain, include, exclude } = splitOptions(options);
  // A secret option replaces a plain option of the same name (the agent writes secrets second).
  const merged = new Map<string, string>([...plain, ...secrets.map((s): [string, string] => [s.name, s.variable])]);
  const name: Json | undefined = options[OUTPUT_KEY];
  if (name === undefined && merged.size > 0) {
    notes.push('The options set no Name: the ECS agent fails the task ("missing output key Name").');
  } else if (name === undefined) {
    notes.push('No Name: the agent writes no [OUTPUT] for it; a config file must route its records.');
  }
  return {
    container: source.name,
    match: `${source.name}-firelens*`,
    plugin: name === undefined ? undefined : displayValue(name),
    options: [...merged].map(([key, value]) => ({ key, value })).sort((a, b) => byteOrder(a.key, b.key)),
    secretOptions: secrets,
    includePattern: include,
    excludePattern: exclude,
    taskRole: source.taskRole,
    ...permissionsOf(options, source, notes),
    secretsReadBy: secrets.length > 0 ? (source.executionRole ?? 'no execution role') : undefined,
    buffer: bufferOf(Object.hasOwn(options, BUFFER_LIMIT) ? options[BUFFER_LIMIT] : undefined),
    notes,
  };
};
