/**
 * Hostile and broken input (#6, part 2): one table per kind of input, each row naming the input, how
 * to build it, the entry points it goes through and what every one of them must answer. The test
 * files only run these tables, so the counts at the bottom are the runs that happen.
 */
import type { TemplatePath } from '../../functions/shared/template/locator';
import { allWrongAtOnce, FIELD_CASES, FIELD_ENTRIES } from './fields';
import {
  aliasBomb,
  bigGarbage,
  bigValidTemplate,
  bytes,
  compactSequences,
  deepBlock,
  deepFlow,
  denseList,
  hugeStringTemplate,
  randomBytes,
  SMALL_TEMPLATE,
  TASK_PROPERTIES,
  taskFragment,
  utf8,
  utf16,
  withOverrides,
} from './inputs';

/* ------------------------------------------------------------------------------------------------
 * Template text and bytes: what the CLI reads from a file and the hook from a payload.
 * --------------------------------------------------------------------------------------------- */

/**
 * - `load`: decodeTemplateBytes + loadTemplate (what the CLI does with a file).
 * - `cli-lint`, `cli-expand`: `firelens lint|expand FILE` in-process (runCli).
 * - `hook-stack`: the hook's middy handler on a STACK event whose payload holds the template.
 * - `process-lint`, `process-expand`: `node --max-old-space-size=128 bin/firelens.cjs …` (the heavy ones).
 */
export type TextEntry = 'load' | 'cli-lint' | 'cli-expand' | 'hook-stack' | 'process-lint' | 'process-expand';

export interface TextCase {
  readonly name: string;
  readonly input: () => Uint8Array;
  /** The parse error every entry reports (as FL0000, a parse message or InternalFailure), with its place; absent: the text is a template. */
  readonly error?: { readonly message: RegExp; readonly line?: number; readonly column?: number; readonly lintExit?: number };
  /**
   * What the hook says instead, when it reads the bytes in a different way (a payload is JSON, at most
   * 5 MiB): with no `error`, the text is a template the hook still refuses to read.
   */
  readonly hookError?: RegExp;
  readonly entries: readonly TextEntry[];
}

const LIGHT: readonly TextEntry[] = ['load', 'cli-lint', 'cli-expand', 'hook-stack'];
/** Big or slow inputs: bounded time and memory are checked in a child process; the hook reads them in-process. */
const HEAVY: readonly TextEntry[] = ['process-lint', 'process-expand', 'hook-stack'];

const text = (value: string) => (): Uint8Array => utf8(value);

const NESTING = /^the template nests deeper than 200 levels$/;

export const TEXT_CASES: readonly TextCase[] = [
  {
    name: 'malformed YAML: an unclosed flow sequence',
    input: text('Resources:\n  Task: [1, 2\n'),
    error: { message: /Flow sequence .* end with a \]/, line: 3, column: 1 },
    entries: LIGHT,
  },
  {
    name: 'malformed YAML: a tab as indentation',
    input: text('Resources:\n\tTask: 1\n'),
    error: { message: /^Tabs are not allowed as indentation/, line: 2, column: 1 },
    entries: LIGHT,
  },
  {
    name: 'malformed YAML: mapping items out of line',
    input: text('Resources:\n  Task:\n    Type: X\n   Properties: {}\n'),
    error: { message: /must start at the same column/, line: 4, column: 1 },
    entries: LIGHT,
  },
  {
    name: 'malformed YAML: an unclosed double quote',
    input: text('Resources:\n  Task: "abc\n'),
    error: { message: /Missing closing "quote/, line: 3 },
    entries: LIGHT,
  },
  {
    name: 'malformed JSON: truncated in the middle of a key',
    input: text('{"Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", "Prop'),
    error: { message: /Missing closing "quote/, line: 1 },
    entries: LIGHT,
  },
  {
    name: 'malformed JSON: text after the object',
    input: text('{"Resources": {}} trailing'),
    error: { message: /^Unexpected scalar at node end/, line: 1, column: 19 },
    entries: LIGHT,
  },
  {
    name: 'malformed JSON: an unclosed object',
    input: text('{"Resources": {"Task": {"Type": "X"}'),
    error: { message: /Flow map .*end with a \}/, line: 1 },
    entries: LIGHT,
  },
  {
    name: 'a duplicate key (JSON)',
    input: text('{"Resources": {"Task": {"Type": "X"}, "Task": {"Type": "Y"}}}'),
    error: { message: /^duplicate key "Task" \(map keys must be unique\)$/, line: 1, column: 39 },
    entries: LIGHT,
  },
  {
    name: 'a duplicate key of 100,000 characters',
    input: text(`{"Resources": {"${'K'.repeat(100_000)}": 1,\n "${'K'.repeat(100_000)}": 2}}`),
    error: { message: /^duplicate key "K{79}…" \(map keys must be unique\)$/, line: 2, column: 2 },
    entries: LIGHT,
  },
  {
    name: 'a YAML tag unknown to CloudFormation (!Foo)',
    input: text('Resources:\n  A:\n    Type: X\n    Properties: {B: !Foo bar}\n'),
    error: { message: /^Unresolved tag: !Foo$/, line: 4, column: 21 },
    entries: LIGHT,
  },
  {
    name: 'a misspelt short form (!GetAttr)',
    input: text('Resources:\n  A:\n    Type: X\n    Properties: {B: !GetAttr C.D}\n'),
    error: { message: /^Unresolved tag: !GetAttr$/, line: 4 },
    entries: LIGHT,
  },
  {
    name: 'a standard YAML tag CloudFormation does not read (!!binary)',
    input: text('Resources:\n  A:\n    Type: X\n    Properties: {B: !!binary aGVsbG8=}\n'),
    error: { message: /^the YAML tag !!binary is not one CloudFormation reads$/, line: 4 },
    entries: LIGHT,
  },
  {
    name: 'an alias to no anchor',
    input: text('Resources:\n  A: *nope\n'),
    error: { message: /^the alias \*nope names no anchor/, line: 2 },
    entries: LIGHT,
  },
  {
    name: 'a mapping key that is a sequence',
    input: text('Resources:\n  ? [a, b]\n  : 1\n'),
    error: { message: /^a mapping key must be a string, not a sequence$/, line: 2 },
    entries: LIGHT,
  },
  {
    name: 'two YAML documents',
    input: text('Resources: {}\n---\nResources: {}\n'),
    error: { message: /second YAML document/, line: 2 },
    entries: LIGHT,
  },
  {
    name: 'a top-level list',
    input: text('- Resources\n- {}\n'),
    error: { message: /^a template must be a mapping/, line: 1 },
    entries: LIGHT,
  },
  {
    name: 'a top-level scalar',
    input: text('just some words'),
    error: { message: /^a template must be a mapping/, line: 1 },
    entries: LIGHT,
  },
  {
    name: 'a raw NUL inside a value',
    input: text('Resources:\n  A: x\u0000y\n'),
    error: { message: /NUL character \(U\+0000\)/, line: 2, column: 7 },
    entries: LIGHT,
  },
  {
    name: 'a raw escape character (terminal colours pasted in)',
    input: text('Resources:\n  A: \u001b[31mred\n'),
    error: { message: /control character U\+001B/, line: 2, column: 6 },
    entries: LIGHT,
  },
  {
    name: 'UTF-16 LE with a byte order mark',
    input: () => utf16(SMALL_TEMPLATE, 'le', true),
    error: { message: /UTF-16 .*byte order mark.*save it as UTF-8/, line: 1, column: 1 },
    hookError: /not UTF-8 text/,
    entries: LIGHT,
  },
  {
    name: 'UTF-16 BE with a byte order mark',
    input: () => utf16(SMALL_TEMPLATE, 'be', true),
    error: { message: /UTF-16/, line: 1, column: 1 },
    hookError: /not UTF-8 text/,
    entries: LIGHT,
  },
  {
    name: 'UTF-16 LE without a byte order mark',
    input: () => utf16(SMALL_TEMPLATE, 'le', false),
    error: { message: /NUL character.*UTF-16\?/, line: 1, column: 2 },
    entries: LIGHT,
  },
  {
    name: 'a byte that is not UTF-8 (0xFF) in a value',
    input: () => bytes('Resources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: {TopicName: caf', 0xff, '}\n'),
    error: { message: /^byte 73 \(0xFF\) is not valid UTF-8/, line: 4, column: 32 },
    hookError: /not UTF-8 text/,
    entries: LIGHT,
  },
  {
    name: 'Latin-1 text (é as 0xE9)',
    input: () => bytes('Description: caf', 0xe9, '\nResources: {}\n'),
    error: { message: /^byte 16 \(0xE9\) is not valid UTF-8/, line: 1, column: 17 },
    hookError: /not UTF-8 text/,
    entries: LIGHT,
  },
  {
    name: 'binary junk (4 KB of random bytes)',
    input: () => randomBytes(4_096),
    error: { message: /not valid UTF-8|NUL character/ },
    hookError: /not UTF-8 text|NUL character/,
    entries: LIGHT,
  },
  { name: 'a UTF-8 byte order mark before a valid template', input: () => bytes(0xef, 0xbb, 0xbf, SMALL_TEMPLATE), entries: LIGHT },
  { name: 'Windows line ends (CRLF)', input: text(SMALL_TEMPLATE.replace(/\n/g, '\r\n')), entries: LIGHT },
  { name: 'a self-referencing alias', input: text('Resources:\n  A: &a [1, *a]\n'), error: { message: NESTING }, entries: LIGHT },
  {
    name: 'an alias bomb ("billion laughs", 10^9 values from 500 bytes)',
    input: () => utf8(aliasBomb()),
    error: { message: /^the template expands to more than 400000 values \(YAML aliases\?\)$/ },
    entries: HEAVY,
  },
  { name: '10,000 nested [ (JSON)', input: () => utf8(deepFlow('[')), error: { message: NESTING, line: 1 }, entries: [...HEAVY, 'load'] },
  { name: '10,000 nested { (JSON)', input: () => utf8(deepFlow('{')), error: { message: NESTING, line: 1 }, entries: [...HEAVY, 'load'] },
  {
    name: '10,000 nested compact sequences (- - - …)',
    input: () => utf8(compactSequences()),
    error: { message: NESTING, line: 3 },
    entries: [...HEAVY, 'load'],
  },
  { name: '500 nested block mappings', input: () => utf8(deepBlock()), error: { message: NESTING }, entries: [...HEAVY, 'load'] },
  { name: 'a valid template of more than 1 MB (250 FireLens tasks)', input: () => utf8(bigValidTemplate()), entries: HEAVY },
  { name: 'a valid template with one string of 1.1 MB', input: () => utf8(hugeStringTemplate()), entries: HEAVY },
  {
    name: 'a valid template of 6 MB (over the hook payload cap and the CLI file cap of 5 MiB)',
    input: () => utf8(hugeStringTemplate(6_000_000)),
    // The CLI reads at most --max-bytes (5 MiB by default): FL0000 and exit 32 (a file it would not read) | 2.
    error: { message: /^the file is larger than 5242880 bytes \(--max-bytes\), the most firelens reads$/, lintExit: 34 },
    hookError: /is larger than the 5242880 bytes allowed/,
    entries: HEAVY,
  },
  { name: 'more than 1 MB of YAML punctuation in random order', input: () => utf8(bigGarbage()), error: { message: /./ }, entries: HEAVY },
  {
    name: 'more than 1 MB of [1,1,1,…] (the most values per byte)',
    input: () => utf8(denseList()),
    error: { message: /^the template holds more than 100000 values$/, line: 1 },
    entries: HEAVY,
  },
  {
    name: 'more than 1 MB of random bytes',
    input: () => randomBytes(1_100_000, 11),
    error: { message: /not valid UTF-8|NUL character/ },
    hookError: /not UTF-8 text|NUL character/,
    entries: HEAVY,
  },
];

/* ------------------------------------------------------------------------------------------------
 * Parsed templates: what the macro receives (a JSON fragment), lintTemplate and the hook lint.
 * --------------------------------------------------------------------------------------------- */

/**
 * - `macro`: the macro's middy handler on the fragment; `expand-macro-event`: its adapter without middy.
 * - `lint-template`: lintTemplate over the fragment as it is (no expansion).
 * - `cli-lint`: `firelens lint --format json` over the fragment as JSON text with `Transform: FireLensMacro`.
 * - `hook-stack`: the hook on that same text; `hook-resource`: the hook on the task's properties alone.
 */
export type FragmentEntry = 'macro' | 'expand-macro-event' | 'lint-template' | 'cli-lint' | 'hook-stack' | 'hook-resource';

/** One problem the answer must name: where (from the template root) and what. */
export interface ExpectedProblem {
  readonly path: TemplatePath;
  readonly message: string | RegExp;
}

export interface FragmentCase {
  readonly name: string;
  readonly fragment: () => Record<string, unknown>;
  /** Problems the macro (and, through the expansion, the CLI and the hook) must list, all at once. Empty: it expands. */
  readonly problems: readonly ExpectedProblem[];
  /** Findings lintTemplate must report on the unexpanded fragment (FL0000 for what CloudFormation cannot read). */
  readonly lintProblems?: readonly ExpectedProblem[];
  /**
   * For an expansion that succeeds: values that must come out exactly as they went in, as
   * [path in the input, path in the output] (the router container goes first, so containers move by one).
   */
  readonly kept?: readonly (readonly [TemplatePath, TemplatePath])[];
  /** The resource whose properties the hook's resource target gets (default `Task`). */
  readonly resource?: string;
  readonly entries: readonly FragmentEntry[];
}

const P = ['Resources', 'Task', 'Properties'] as const;
const FL = [...P, 'FireLens'] as const;
const IF = (a: unknown, b: unknown): Record<string, unknown> => ({ 'Fn::If': ['IsProd', a, b] });
const ALL: readonly FragmentEntry[] = ['macro', 'expand-macro-event', 'lint-template', 'cli-lint', 'hook-stack', 'hook-resource'];
/** Cases about Resources itself: there are no task properties to give the hook's resource target. */
const NO_RESOURCE: readonly FragmentEntry[] = ALL.filter((e) => e !== 'hook-resource');
const RESOURCES_MAPPING = /^must be a mapping of logical ids to resources, not /;

const app = (extra: Record<string, unknown>): Record<string, unknown> => ({
  Name: 'app',
  Image: 'public.ecr.aws/nginx/nginx:1.27',
  ...extra,
});

/** A fragment of more than 1 MB: 300 FireLens tasks with long notes. */
const bigFragment = (): Record<string, unknown> => ({
  Resources: Object.fromEntries(
    Array.from({ length: 300 }, (_, i) => [
      `Task${String(i)}`,
      {
        Type: 'AWS::ECS::TaskDefinition',
        Metadata: { Notes: 'n'.repeat(3_500) },
        Properties: withOverrides(TASK_PROPERTIES, { ContainerDefinitions: [app({ Name: `app${String(i)}` })] }),
      },
    ]),
  ),
});

/** `depth` levels of {a: [{a: …}]} (built without recursion). */
const deepValue = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) {
    value = i % 2 === 0 ? [value] : { a: value };
  }
  return value;
};

export const FRAGMENT_CASES: readonly FragmentCase[] = [
  {
    name: 'Resources is a string',
    fragment: () => ({ Resources: 'oops' }),
    problems: [{ path: ['Resources'], message: RESOURCES_MAPPING }],
    lintProblems: [{ path: ['Resources'], message: RESOURCES_MAPPING }],
    entries: NO_RESOURCE,
  },
  {
    name: 'Resources is a list',
    fragment: () => ({ Resources: [{ Type: 'AWS::SNS::Topic' }] }),
    problems: [{ path: ['Resources'], message: RESOURCES_MAPPING }],
    lintProblems: [{ path: ['Resources'], message: RESOURCES_MAPPING }],
    entries: NO_RESOURCE,
  },
  {
    name: 'Resources is null',
    fragment: () => ({ Resources: null }),
    problems: [{ path: ['Resources'], message: RESOURCES_MAPPING }],
    lintProblems: [{ path: ['Resources'], message: RESOURCES_MAPPING }],
    entries: NO_RESOURCE,
  },
  {
    name: 'Resources is a number',
    fragment: () => ({ Resources: 42 }),
    problems: [{ path: ['Resources'], message: RESOURCES_MAPPING }],
    lintProblems: [{ path: ['Resources'], message: RESOURCES_MAPPING }],
    entries: NO_RESOURCE,
  },
  {
    name: 'Resources is an Fn::If',
    fragment: () => ({ Resources: IF({}, {}) }),
    problems: [{ path: ['Resources'], message: 'must be a mapping of logical ids to resources, not an intrinsic function (Fn::If)' }],
    lintProblems: [{ path: ['Resources'], message: RESOURCES_MAPPING }],
    entries: NO_RESOURCE,
  },
  {
    name: 'a resource is a string, another null, another has no Type (all reported)',
    fragment: () => taskFragment({}, { Junk: 'oops', Nothing: null, Typeless: { Properties: {} } }),
    problems: [
      { path: ['Resources', 'Junk'], message: 'must be a resource (an object with Type and Properties), not a string' },
      { path: ['Resources', 'Nothing'], message: 'must be a resource (an object with Type and Properties), not null' },
      { path: ['Resources', 'Typeless', 'Type'], message: 'is required (a resource type such as AWS::ECS::TaskDefinition)' },
    ],
    lintProblems: [
      { path: ['Resources', 'Junk'], message: /^must be a resource .*, not a string$/ },
      { path: ['Resources', 'Nothing'], message: /^must be a resource .*, not null$/ },
      { path: ['Resources', 'Typeless', 'Type'], message: /^is required/ },
    ],
    entries: ALL,
  },
  {
    name: 'Type is a number and Properties a list',
    fragment: () => ({
      Resources: { Task: { Type: 7, Properties: TASK_PROPERTIES }, Topic: { Type: 'AWS::SNS::Topic', Properties: ['x'] } },
    }),
    problems: [
      { path: ['Resources', 'Task', 'Type'], message: 'must be a resource type name, not a number' },
      { path: ['Resources', 'Topic', 'Properties'], message: 'must be an object, not a list' },
    ],
    lintProblems: [
      { path: ['Resources', 'Task', 'Type'], message: /^must be a resource type name, not a number$/ },
      { path: ['Resources', 'Topic', 'Properties'], message: /^must be an object, not a list$/ },
    ],
    entries: NO_RESOURCE,
  },
  ...(
    [
      ['a string', 'x'],
      ['null', null],
      ['a list', []],
      ['a number', 7],
      ['true', true],
    ] as const
  ).map(([what, value]): FragmentCase => ({
    name: `FireLens is ${what}`,
    fragment: () => taskFragment({ FireLens: value }),
    problems: [{ path: FL, message: /^must be an object/ }],
    entries: ALL,
  })),
  {
    name: 'FireLens is an Fn::If',
    fragment: () => taskFragment({ FireLens: IF(TASK_PROPERTIES.FireLens, {}) }),
    problems: [{ path: FL, message: /^must be a literal object, not an intrinsic function/ }],
    entries: ALL,
  },
  {
    name: 'FireLens is an unknown intrinsic (Fn::Foo)',
    fragment: () => taskFragment({ FireLens: { 'Fn::Foo': 1 } }),
    problems: [{ path: FL, message: /^must be a literal object, not an intrinsic function/ }],
    entries: ALL,
  },
  {
    name: 'Properties is an Fn::If around a FireLens property',
    fragment: () => ({
      Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: IF(TASK_PROPERTIES, { ContainerDefinitions: [] }) } },
    }),
    problems: [{ path: P, message: /^is an intrinsic function \(Fn::If\) with a FireLens property inside/ }],
    entries: NO_RESOURCE,
  },
  {
    name: 'a FireLens task inside Fn::ForEach',
    fragment: () => ({
      Resources: {
        'Fn::ForEach::Tasks': ['Name', ['A', 'B'], { '${Name}Task': { Type: 'AWS::ECS::TaskDefinition', Properties: TASK_PROPERTIES } }],
      },
    }),
    problems: [
      {
        path: ['Resources', 'Fn::ForEach::Tasks'],
        message: /^holds a FireLens property, .*list AWS::LanguageExtensions before FireLensMacro/,
      },
    ],
    entries: ['macro', 'expand-macro-event', 'lint-template', 'cli-lint', 'hook-stack'],
  },
  ...(
    [
      ['a string', 'x'],
      ['null', null],
      ['an Fn::If', IF([app({})], [])],
      ['an unknown intrinsic', { 'Fn::Foo': 1 }],
      ['a list of a number, null, a string and a list', [1, null, 'x', []]],
    ] as const
  ).map(([what, value]): FragmentCase => ({
    name: `ContainerDefinitions is ${what}`,
    fragment: () => taskFragment({ ContainerDefinitions: value }),
    problems: [
      { path: [...P, 'ContainerDefinitions'], message: 'must be a literal list of container definitions for the FireLens expansion' },
    ],
    entries: ALL,
  })),
  {
    name: 'a container written as Fn::If',
    fragment: () => taskFragment({ ContainerDefinitions: [app({ Name: 'web' }), IF(app({}), { Ref: 'AWS::NoValue' })] }),
    problems: [
      {
        path: [...P, 'ContainerDefinitions', 1],
        message: /^is an intrinsic function \(Fn::If\); the macro cannot route a container it cannot read/,
      },
    ],
    entries: ALL,
  },
  {
    name: 'DependsOn of a routed container is an Fn::If (a list is expected)',
    fragment: () => taskFragment({ ContainerDefinitions: [app({ DependsOn: IF([], []) })] }),
    problems: [
      {
        path: [...P, 'ContainerDefinitions', 0, 'DependsOn'],
        message: 'must be a literal list so the macro can add the dependency on the log router',
      },
    ],
    entries: ALL,
  },
  {
    name: 'DependsOn of a routed container is a string',
    fragment: () => taskFragment({ ContainerDefinitions: [app({ DependsOn: 'db' })] }),
    problems: [
      {
        path: [...P, 'ContainerDefinitions', 0, 'DependsOn'],
        message: 'must be a literal list so the macro can add the dependency on the log router',
      },
    ],
    entries: ALL,
  },
  {
    name: 'mistakes in the property and in a container are all listed',
    fragment: () =>
      taskFragment({
        ContainerDefinitions: [app({ PortMappings: [{ ContainerPort: 24224 }] })],
        FireLens: { Destination: { CloudWatchLogs: { RetentionInDays: 'two weeks' } }, BufferLimit: true },
      }),
    problems: [
      { path: [...FL, 'Destination', 'CloudWatchLogs', 'RetentionInDays'], message: /^must be/ },
      { path: [...FL, 'BufferLimit'], message: 'must be an integer from 0 to 536870911' },
      { path: [...P, 'ContainerDefinitions', 0, 'PortMappings', 0, 'ContainerPort'], message: /^port 24224 is FireLens's forward input/ },
    ],
    entries: ALL,
  },
  {
    name: 'mistakes in two task definitions are all listed',
    fragment: () => ({
      Resources: {
        First: { Type: 'AWS::ECS::TaskDefinition', Properties: withOverrides(TASK_PROPERTIES, { FireLens: { Destination: {} } }) },
        Second: {
          Type: 'AWS::ECS::TaskDefinition',
          Properties: withOverrides(TASK_PROPERTIES, { FireLens: { Destination: { S3: {} }, Router: { Nmae: 'r' } } }),
        },
      },
    }),
    problems: [
      { path: ['Resources', 'First', 'Properties', 'FireLens', 'Destination'], message: /^needs exactly one of/ },
      { path: ['Resources', 'Second', 'Properties', 'FireLens', 'Destination', 'S3'], message: 'BucketName is required' },
      { path: ['Resources', 'Second', 'Properties', 'FireLens', 'Router', 'Nmae'], message: /^unknown property \(did you mean "Name"\?\)/ },
    ],
    entries: NO_RESOURCE,
  },
  {
    name: 'a FireLens string of 1 MB where a name is expected (not echoed back)',
    fragment: () => taskFragment({ FireLens: { Destination: { CloudWatchLogs: {} }, Router: { Name: `${'x'.repeat(1_000_000)}!` } } }),
    problems: [{ path: [...FL, 'Router', 'Name'], message: /^"x{79}…" does not match/ }],
    entries: ALL,
  },
  {
    name: 'an unknown FireLens key of 100,000 characters (not echoed back)',
    fragment: () => taskFragment({ FireLens: { Destination: { CloudWatchLogs: {} }, ['K'.repeat(100_000)]: 1 } }),
    problems: [{ path: [...FL, 'K'.repeat(100_000)], message: /^unknown property; allowed: / }],
    entries: ALL,
  },
  {
    name: '5,000 unknown FireLens keys (every one listed, the answer bounded)',
    fragment: () =>
      taskFragment({
        FireLens: {
          Destination: { CloudWatchLogs: {} },
          ...Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`Extra${String(i)}`, i])),
        },
      }),
    problems: [
      { path: [...FL, 'Extra0'], message: /^unknown property/ },
      { path: [...FL, 'Extra4999'], message: /^unknown property/ },
    ],
    entries: ALL,
  },
  {
    name: 'unknown intrinsics outside FireLens are passed through untouched',
    fragment: () =>
      taskFragment({
        Memory: { 'Fn::Foo': 1 },
        ContainerDefinitions: [app({ Image: { 'Fn::Bar': ['x'] }, Environment: [{ Name: 'A', Value: { 'Fn::Baz': {} } }] })],
      }),
    problems: [],
    kept: [
      [
        [...P, 'Memory'],
        [...P, 'Memory'],
      ],
      [
        [...P, 'ContainerDefinitions', 0, 'Image'],
        [...P, 'ContainerDefinitions', 1, 'Image'],
      ],
      [
        [...P, 'ContainerDefinitions', 0, 'Environment'],
        [...P, 'ContainerDefinitions', 1, 'Environment'],
      ],
    ],
    entries: ALL,
  },
  {
    name: 'unknown intrinsics in FireLens fields that take intrinsics are passed through untouched',
    fragment: () =>
      taskFragment({ FireLens: { Destination: { CloudWatchLogs: { LogGroupName: { 'Fn::Foo': 1 } } }, BufferLimit: { 'Fn::Bar': 2 } } }),
    problems: [],
    entries: ALL,
  },
  {
    name: 'wrong types in container fields the macro does not read are passed through untouched',
    fragment: () =>
      taskFragment({
        Cpu: [],
        Memory: { a: 1 },
        ContainerDefinitions: [app({ PortMappings: 'x', Environment: 5, StopTimeout: {}, Memory: 'lots' })],
      }),
    problems: [],
    kept: [
      [
        [...P, 'Cpu'],
        [...P, 'Cpu'],
      ],
      [
        [...P, 'Memory'],
        [...P, 'Memory'],
      ],
      ...(['PortMappings', 'Environment', 'StopTimeout', 'Memory'] as const).map(
        (key) =>
          [
            [...P, 'ContainerDefinitions', 0, key],
            [...P, 'ContainerDefinitions', 1, key],
          ] as const,
      ),
    ],
    entries: ALL,
  },
  {
    // The execution role the macro creates reads the containers' own secrets, so it must read the list.
    name: 'an app Secrets that is not a list, with the execution role the macro creates',
    fragment: () => taskFragment({ ContainerDefinitions: [app({ Secrets: 'x' })] }),
    problems: [
      {
        path: [...P, 'ContainerDefinitions', 0, 'Secrets'],
        message: 'is not a list, so the execution role would get no secretsmanager:GetSecretValue',
      },
    ],
    entries: ALL,
  },
  {
    name: 'junk items in DependsOn and PortMappings are kept, the router dependency added',
    fragment: () =>
      taskFragment({
        ContainerDefinitions: [app({ DependsOn: [1, null, 'x', { ContainerName: 5 }], PortMappings: [null, 5, { ContainerPort: 'abc' }] })],
      }),
    problems: [],
    kept: [
      [
        [...P, 'ContainerDefinitions', 0, 'PortMappings'],
        [...P, 'ContainerDefinitions', 1, 'PortMappings'],
      ],
    ],
    entries: ALL,
  },
  {
    name: '10,000 nested levels in a property the macro does not read',
    fragment: () => taskFragment({}, { Topic: { Type: 'AWS::SNS::Topic', Properties: { Tags: deepValue(10_000) } } }),
    problems: [],
    kept: [
      [
        ['Resources', 'Topic', 'Properties', 'Tags'],
        ['Resources', 'Topic', 'Properties', 'Tags'],
      ],
    ],
    resource: 'Topic',
    entries: ['macro', 'expand-macro-event', 'lint-template', 'hook-resource'],
  },
  {
    name: 'strings of 300 KB in every field the rules quote (findings bounded, not echoed back)',
    fragment: () => {
      const big = 'x'.repeat(300_000);
      return {
        Resources: {
          Task: {
            Type: 'AWS::ECS::TaskDefinition',
            Properties: {
              RequiresCompatibilities: ['FARGATE'],
              NetworkMode: 'awsvpc',
              ContainerDefinitions: [
                {
                  Name: big,
                  Image: big,
                  FirelensConfiguration: {
                    Type: big,
                    Options: { 'config-file-type': big, 'config-file-value': big, 'enable-ecs-log-metadata': big },
                  },
                },
                {
                  Name: `app${big}`,
                  Image: big,
                  LogConfiguration: { LogDriver: 'awsfirelens', Options: { Name: big, 'log-driver-buffer-limit': big } },
                  DependsOn: [{ ContainerName: big, Condition: big }],
                },
              ],
            },
          },
        },
      };
    },
    problems: [],
    entries: ['lint-template', 'cli-lint', 'hook-stack', 'hook-resource'],
  },
  {
    name: 'a fragment of more than 1 MB (300 FireLens tasks)',
    fragment: bigFragment,
    problems: [],
    entries: ['macro', 'expand-macro-event', 'lint-template', 'cli-lint', 'hook-stack'],
  },
];

/* ------------------------------------------------------------------------------------------------
 * Malformed macro events: what reaches the handler is not the documented shape.
 * --------------------------------------------------------------------------------------------- */

export type EventEntry = 'macro' | 'expand-macro-event';

export interface EventCase {
  readonly name: string;
  readonly event: () => unknown;
  /** Every complaint the answer must list. */
  readonly errors: readonly string[];
  /** The requestId the answer must carry (CloudFormation matches it). */
  readonly requestId: string;
  readonly entries: readonly EventEntry[];
}

const BOTH: readonly EventEntry[] = ['macro', 'expand-macro-event'];
const goodEvent = (overrides: Record<string, unknown>): Record<string, unknown> => ({
  region: 'us-east-1',
  accountId: '123456789012',
  fragment: taskFragment(),
  transformId: '123456789012::FireLensMacro',
  params: {},
  requestId: 'req-1',
  templateParameterValues: {},
  ...overrides,
});

export const EVENT_CASES: readonly EventCase[] = [
  { name: 'the event is null', event: () => null, errors: ['the event is not a JSON object'], requestId: '', entries: BOTH },
  { name: 'the event is a list', event: () => [goodEvent({})], errors: ['the event is not a JSON object'], requestId: '', entries: BOTH },
  {
    name: 'the event is a string',
    event: () => JSON.stringify(goodEvent({})),
    errors: ['the event is not a JSON object'],
    requestId: '',
    entries: BOTH,
  },
  {
    name: 'the event is empty',
    event: () => ({}),
    errors: ['event.requestId must be a string', 'event.fragment must be an object'],
    requestId: '',
    entries: BOTH,
  },
  {
    name: 'the fragment is missing',
    event: () => goodEvent({ fragment: undefined }),
    errors: ['event.fragment must be an object'],
    requestId: 'req-1',
    entries: BOTH,
  },
  {
    name: 'the fragment is null',
    event: () => goodEvent({ fragment: null }),
    errors: ['event.fragment must be an object'],
    requestId: 'req-1',
    entries: BOTH,
  },
  {
    name: 'the fragment is a list',
    event: () => goodEvent({ fragment: [taskFragment()] }),
    errors: ['event.fragment must be an object'],
    requestId: 'req-1',
    entries: BOTH,
  },
  {
    name: 'the fragment is a string (a template as text)',
    event: () => goodEvent({ fragment: 'Resources: {}' }),
    errors: ['event.fragment must be an object'],
    requestId: 'req-1',
    entries: BOTH,
  },
  {
    name: 'the requestId is missing',
    event: () => goodEvent({ requestId: undefined }),
    errors: ['event.requestId must be a string'],
    requestId: '',
    entries: BOTH,
  },
  {
    name: 'the requestId is a number',
    event: () => goodEvent({ requestId: 42 }),
    errors: ['event.requestId must be a string'],
    requestId: '',
    entries: BOTH,
  },
  {
    name: 'region, params and templateParameterValues of the wrong types (all listed)',
    event: () => goodEvent({ region: 5, params: 'x', templateParameterValues: [] }),
    errors: ['event.region must be a string', 'event.params must be an object', 'event.templateParameterValues must be an object'],
    requestId: 'req-1',
    entries: BOTH,
  },
];

/* ------------------------------------------------------------------------------------------------
 * Counts, for RELIABILITY.md: every row is one hostile input, every (row, entry point) one run.
 * --------------------------------------------------------------------------------------------- */

/** Destinations in the "every field wrong at once" check (one fragment each, through the macro's core and handler). */
const ALL_AT_ONCE_RUNS_PER_DESTINATION = 2;

export const HOSTILE_INPUTS = {
  text: TEXT_CASES.length,
  fragments: FRAGMENT_CASES.length,
  events: EVENT_CASES.length,
  fields: FIELD_CASES.length,
  allFieldsAtOnce: allWrongAtOnce().length,
} as const;

export const HOSTILE_INPUT_COUNT = Object.values(HOSTILE_INPUTS).reduce((sum, n) => sum + n, 0);

export const ENTRY_POINT_RUNS = {
  text: TEXT_CASES.reduce((sum, c) => sum + c.entries.length, 0),
  fragments: FRAGMENT_CASES.reduce((sum, c) => sum + c.entries.length, 0),
  events: EVENT_CASES.reduce((sum, c) => sum + c.entries.length, 0),
  fields: FIELD_CASES.length * FIELD_ENTRIES.length,
  allFieldsAtOnce: allWrongAtOnce().length * ALL_AT_ONCE_RUNS_PER_DESTINATION,
} as const;

export const ENTRY_POINT_RUN_COUNT = Object.values(ENTRY_POINT_RUNS).reduce((sum, n) => sum + n, 0);
