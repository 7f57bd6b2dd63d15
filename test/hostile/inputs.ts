/**
 * Builders of hostile template text and bytes. Deterministic (a seeded generator for the random
 * ones), so a failure reproduces; the big ones are built only by the cases that use them.
 */

/** mulberry32: a tiny seeded PRNG, enough for reproducible junk. */
const random = (seed: number): (() => number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** "Billion laughs": `levels` anchors, each a list of `width` aliases of the one before (10^9 values by default). */
export const aliasBomb = (levels = 9, width = 10): string => {
  const lines = [`a0: &a0 [${Array<string>(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i += 1) {
    lines.push(
      `a${String(i)}: &a${String(i)} [${Array<string>(width)
        .fill(`*a${String(i - 1)}`)
        .join(', ')}]`,
    );
  }
  return `${lines.join('\n')}\nResources:\n  Bomb:\n    Type: AWS::SNS::Topic\n    Properties: {Tags: *a${String(levels - 1)}}\n`;
};

/** `[[[[…]]]]` or `{"a":{"a":…}}`, `depth` levels, as JSON. */
export const deepFlow = (opener: '[' | '{', depth = 10_000): string =>
  opener === '['
    ? `{"Resources": ${'['.repeat(depth)}${']'.repeat(depth)}}`
    : `{"Resources": ${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;

/** Block mappings indented one more space per level. */
export const deepBlock = (depth = 500): string =>
  `Resources:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 2)}k${String(i)}:`).join('\n')} x\n`;

/** `- - - - … x`: compact nested sequences, one level per two characters. */
export const compactSequences = (depth = 10_000): string => `Resources:\n  A:\n    ${'- '.repeat(depth)}x\n`;

/** A FireLens task definition as YAML, with `pad` characters of notes (to reach a size without more values). */
const fireLensTask = (i: number, pad: number): string =>
  [
    `  Task${String(i)}:`,
    '    Type: AWS::ECS::TaskDefinition',
    `    Metadata: {Notes: '${'n'.repeat(pad)}'}`,
    '    Properties:',
    '      RequiresCompatibilities: [FARGATE]',
    '      NetworkMode: awsvpc',
    "      Cpu: '256'",
    "      Memory: '1024'",
    '      ContainerDefinitions:',
    `        - Name: app${String(i)}`,
    '          Image: public.ecr.aws/nginx/nginx:1.27',
    `          Environment: [{Name: GREETING, Value: 'hello from task ${String(i)}'}]`,
    '      FireLens:',
    '        Destination:',
    '          CloudWatchLogs: {RetentionInDays: 14}',
    '',
  ].join('\n');

/** A valid template of more than 1 MB that uses the macro: `tasks` FireLens task definitions with long notes. */
export const bigValidTemplate = (tasks = 250, pad = 4_000): string =>
  `Transform: FireLensMacro\nDescription: a template of more than 1 MB\nResources:\n${Array.from({ length: tasks }, (_, i) => fireLensTask(i, pad)).join('')}`;

/** One valid task definition (FireLens) whose notes hold a single string of `size` characters. */
export const hugeStringTemplate = (size = 1_100_000): string => `Transform: FireLensMacro\nResources:\n${fireLensTask(0, size)}`;

/** More than 1 MB of YAML/JSON punctuation and words in random order: parse errors all the way. */
export const bigGarbage = (size = 1_100_000, seed = 6): string => {
  const next = random(seed);
  const alphabet = '{}[]:,-&*!|>%@`\'"#? \n\tabcXYZ019';
  let out = '';
  while (out.length < size) {
    out += alphabet[Math.floor(next() * alphabet.length)] ?? ' ';
  }
  return out;
};

/** `[1,1,1,…]` over more than 1 MB: the most values per byte. */
export const denseList = (size = 1_100_000): string =>
  `Resources: {A: {Type: X, Properties: {L: [${Array<string>(Math.ceil(size / 2))
    .fill('1')
    .join(',')}]}}}\n`;

/** Random bytes, NULs and invalid UTF-8 included. */
export const randomBytes = (size: number, seed = 7): Uint8Array => {
  const next = random(seed);
  return Uint8Array.from({ length: size }, () => Math.floor(next() * 256));
};

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** UTF-16 bytes of `text`, little or big endian, with or without a byte order mark. */
export const utf16 = (text: string, endian: 'le' | 'be', bom: boolean): Uint8Array => {
  const le = Buffer.from(`${bom ? '\ufeff' : ''}${text}`, 'utf16le');
  return endian === 'le' ? Uint8Array.from(le) : Uint8Array.from(le.swap16());
};

/** Bytes joined: text parts as UTF-8, numbers as single raw bytes. */
export const bytes = (...parts: readonly (string | number)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'number' ? [part] : [...utf8(part)])));

/** A small valid FireLens template, to put one hostile detail into. */
export const SMALL_TEMPLATE = `Transform: FireLensMacro
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: '256'
      Memory: '512'
      ContainerDefinitions:
        - Name: app
          Image: public.ecr.aws/nginx/nginx:1.27
      FireLens:
        Destination:
          CloudWatchLogs: {RetentionInDays: 14}
`;

/** A small FireLens task definition's properties. */
export const TASK_PROPERTIES = {
  RequiresCompatibilities: ['FARGATE'],
  NetworkMode: 'awsvpc',
  Cpu: '256',
  Memory: '512',
  ContainerDefinitions: [{ Name: 'app', Image: 'public.ecr.aws/nginx/nginx:1.27' }],
  FireLens: { Destination: { CloudWatchLogs: { RetentionInDays: 14 } } },
};

/** A fragment with one FireLens task whose properties are overridden (`undefined` removes one). */
export const taskFragment = (overrides: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Resources: { Task: { Type: 'AWS::ECS::TaskDefinition', Properties: withOverrides(TASK_PROPERTIES, overrides) }, ...extra },
});

export const withOverrides = (base: Record<string, unknown>, overrides: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete out[key];
    } else {
      out[key] = value;
    }
  }
  return out;
};

/* The loader's bounds (#11): shared with bench/hostile.ts, which times them. */

/** One 17,000-character key (V8 hashes strings longer than 16,383 characters by length alone) over 4,000 values. */
export const LONG_ID = 'K'.repeat(17_000);

/** A task definition whose containers log to awsfirelens with no router: one FL1001 finding each. */
export const routerlessTask = (containers: number, environment: number): object => ({
  Type: 'AWS::ECS::TaskDefinition',
  Properties: {
    ContainerDefinitions: Array.from({ length: containers }, (_, i) => ({
      Name: `app${String(i)}`,
      Image: 'public.ecr.aws/nginx/nginx:1.27',
      LogConfiguration: { LogDriver: 'awsfirelens' },
      Environment: Array.from({ length: environment }, (__, j) => ({ Name: `V${String(j)}`, Value: String(j) })),
    })),
  },
});

export const hashFloodTemplate = (): string => JSON.stringify({ Resources: { [LONG_ID]: routerlessTask(1, 2_000) } }, null, 1);

/** 190 levels of 1,000-character keys (190 KB of path) over 2,000 values: path keys would be O(depth × key length) each. */
export const deepPathTemplate = (): string => {
  let value: unknown = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`v${String(i)}`, i]));
  for (let level = 0; level < 190; level += 1) {
    value = { [`${String(level)}${'d'.repeat(1_000)}`]: value };
  }
  return JSON.stringify({ Mappings: { Deep: value }, Resources: { Task: routerlessTask(1, 1) } });
};

/** 3,900 aliases of one anchor (62 KB): the YAML library resolves each by walking the whole document. */
export const aliasFanOutTemplate = (): string =>
  [
    'Mappings:',
    '  Shared:',
    '    base: &base {Sizes: [1, 2, 3, 4, 5, 6, 7, 8], Nested: {Key: value}}',
    ...Array.from({ length: 3_900 }, (_, i) => `    k${String(i)}: *base`),
    'Resources:',
    '  Topic:',
    '    Type: AWS::SNS::Topic',
    '',
  ].join('\n');
