/**
 * The Fluent Bit configuration file the ECS agent writes for a FireLens log router
 * (`/fluent-bit/etc/fluent-bit.conf`), rebuilt from the agent's published source:
 * - aws/amazon-ecs-agent agent/taskresource/firelens/firelensconfig_unix.go (`generateConfig`): the
 *   inputs, the health-check pair, the ECS metadata record, one output per container, the config file;
 * - awslabs/go-config-generator-for-fluentd-and-fluentbit fluent-bit-template.go: the section order
 *   (inputs, include/exclude grep filters, record_modifier, `@INCLUDE` after the filters, outputs) and
 *   spacing. Go templates print map keys sorted, so options come out sorted by key.
 * The agent writes no `[SERVICE]` section.
 */
import type { ExplainedOutput } from './types';

/** The unix socket every awsfirelens container's log driver writes to (agent: socketPath). */
const SOCKET_PATH = '/var/run/fluent.sock';
/** The forward protocol's TCP port (agent: inputPortValue). */
const FORWARD_PORT = '24224';
/** The health-check input the agent adds in bridge and awsvpc mode (agent: healthcheck* constants). */
const HEALTHCHECK_TAG = 'firelens-healthcheck';
const HEALTHCHECK_PORT = '8877';
const HEALTHCHECK_LISTEN = '127.0.0.1';

export interface AgentConfigInput {
  readonly memBufLimit: string;
  /** The TCP forward input's `Listen` (0.0.0.0 in bridge mode, 127.0.0.1 in awsvpc); none otherwise. */
  readonly tcpListen: string | undefined;
  /** `Record` fields of the ECS metadata filter; empty when the metadata is off. */
  readonly records: readonly (readonly [string, string])[];
  readonly outputs: readonly ExplainedOutput[];
  /** The path of the `config-file-value` `@INCLUDE`. */
  readonly configFile: string | undefined;
}

type Block = { readonly header: string; readonly lines: readonly string[] } | { readonly include: string };

/** Go's sort.Strings order: byte-wise, so `Mem_Buf_Limit` comes before `unix_path`. */
export const byteOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const sortedPairs = (pairs: readonly (readonly [string, string])[]): string[] =>
  [...pairs].sort(([a], [b]) => byteOrder(a, b)).map(([key, value]) => `${key} ${value}`);

const section = (header: string, name: string, tag: string | undefined, options: readonly (readonly [string, string])[]): Block => ({
  header,
  lines: [`Name ${name}`, ...(tag === undefined ? [] : [`Tag ${tag}`]), ...sortedPairs(options)],
});

const inputs = (input: AgentConfigInput): Block[] => {
  const socket = section('INPUT', 'forward', undefined, [
    ['unix_path', SOCKET_PATH],
    ['Mem_Buf_Limit', input.memBufLimit],
  ]);
  if (input.tcpListen === undefined) {
    return [socket];
  }
  return [
    socket,
    section('INPUT', 'forward', undefined, [
      ['Port', FORWARD_PORT],
      ['Listen', input.tcpListen],
    ]),
    section('INPUT', 'tcp', HEALTHCHECK_TAG, [
      ['Port', HEALTHCHECK_PORT],
      ['Listen', HEALTHCHECK_LISTEN],
    ]),
  ];
};

const grepFilters = (outputs: readonly ExplainedOutput[]): Block[] => [
  ...outputs.flatMap((o) =>
    o.includePattern === undefined
      ? []
      : [{ header: 'FILTER', lines: ['Name   grep', `Match ${o.match}`, `Regex  log ${o.includePattern}`] }],
  ),
  ...outputs.flatMap((o) =>
    o.excludePattern === undefined
      ? []
      : [{ header: 'FILTER', lines: ['Name   grep', `Match ${o.match}`, `Exclude log ${o.excludePattern}`] }],
  ),
];

const outputSections = (input: AgentConfigInput): Block[] => [
  ...(input.tcpListen === undefined ? [] : [section('OUTPUT', 'null', undefined, [])].map(withMatch(HEALTHCHECK_TAG))),
  ...input.outputs.flatMap((o) =>
    o.plugin === undefined
      ? []
      : [
          withMatch(o.match)(
            section(
              'OUTPUT',
              o.plugin,
              undefined,
              o.options.map(({ key, value }) => [key, value] as const),
            ),
          ),
        ],
  ),
];

/** The generator prints `Match` right after `Name` in an output section. */
const withMatch =
  (tag: string) =>
  (block: Block): Block =>
    'header' in block ? { header: block.header, lines: [block.lines[0] ?? '', `Match ${tag}`, ...block.lines.slice(1)] } : block;

/** The file's text: every block starts on a fresh line after a blank one, as the Go template prints them. */
export const renderAgentConfig = (input: AgentConfigInput): string => {
  const records: Block[] =
    input.records.length === 0
      ? []
      : [{ header: 'FILTER', lines: ['Name record_modifier', 'Match *', ...sortedPairs(input.records).map((r) => `Record ${r}`)] }];
  const blocks: Block[] = [
    ...inputs(input),
    ...grepFilters(input.outputs),
    ...records,
    ...(input.configFile === undefined ? [] : [{ include: input.configFile }]),
    ...outputSections(input),
  ];
  return blocks
    .map((block) =>
      'include' in block ? `\n@INCLUDE ${block.include}\n` : `\n[${block.header}]\n${block.lines.map((l) => `    ${l}`).join('\n')}\n`,
    )
    .join('');
};
