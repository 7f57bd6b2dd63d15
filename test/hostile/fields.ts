/**
 * Every field of the `FireLens` property (task level and per container), read from its one definition
 * (property-schema.ts), times values of the wrong type. Whether a value must be refused is decided
 * here from the field's kind, independently of the validator under test.
 */
import {
  CONTAINER_PROPERTY,
  DESTINATION_KEYS,
  type FieldSpec,
  FIRELENS_PROPERTY,
  type ObjectSpec,
} from '../../functions/shared/firelens/property-schema';
import { isIntrinsic, isObject, literalInteger } from '../../functions/shared/template/intrinsics';
import type { TemplatePath } from '../../functions/shared/template/locator';
import { taskFragment } from './inputs';

/** One place a value can be written: a path inside `FireLens` (or a container's `FireLens`) and its definition. */
export interface FieldSite {
  /** `Router.Environment[0].Name`, `ContainerDefinitions[0].FireLens.BufferLimit` */
  readonly label: string;
  /** From the template root. */
  readonly path: TemplatePath;
  readonly spec: FieldSpec;
  /** The fragment with `value` written at the site (everything else valid). */
  readonly build: (value: unknown) => Record<string, unknown>;
}

/** Values of every JSON type, an unknown intrinsic and an Fn::If: most are wrong for any one field. */
const WRONG_VALUES: readonly { readonly label: string; readonly value: unknown }[] = [
  { label: 'a number', value: 7 },
  { label: 'a string', value: 'x' },
  { label: 'true', value: true },
  { label: 'null', value: null },
  { label: 'a list', value: [] },
  { label: 'an object', value: {} },
  { label: 'an unknown intrinsic', value: { 'Fn::Foo': 1 } },
  { label: 'an Fn::If', value: { 'Fn::If': ['IsProd', 1, 2] } },
];

/** The smallest valid settings of each destination. */
const MINIMAL_DESTINATION: Readonly<Record<(typeof DESTINATION_KEYS)[number], Record<string, unknown>>> = {
  CloudWatchLogs: {},
  Firehose: { DeliveryStreamName: 'stream' },
  KinesisStreams: { StreamName: 'stream' },
  S3: { BucketName: 'bucket' },
  OpenSearch: { Endpoint: 'search-logs-abc123.us-east-1.es.amazonaws.com', Index: 'logs' },
  Custom: { Name: 'stdout' },
};

const SECRET = { ValueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/firelens/secret' };

/** One valid item for each list field, so that item fields can be set on index 0. */
const FIRST_ITEM: Readonly<Record<string, Record<string, unknown>>> = {
  Environment: { Name: 'MODE', Value: 'prod' },
  Secrets: { Name: 'TOKEN', ...SECRET },
  SecretOptions: { Name: 'apikey', ...SECRET },
  DependsOn: { ContainerName: 'app', Condition: 'START' },
  MountPoints: { SourceVolume: 'data', ContainerPath: '/data' },
  PortMappings: { ContainerPort: 2020 },
};

const label = (path: TemplatePath): string =>
  path
    .map((p) => (typeof p === 'number' ? `[${String(p)}]` : `.${p}`))
    .join('')
    .slice(1)
    .replace(/\.\[/g, '[');

/** Writes `value` at `path`, creating objects (and list items from FIRST_ITEM) on the way. */
const setAt = (root: Record<string, unknown>, path: TemplatePath, value: unknown): void => {
  let node: Record<string, unknown> | unknown[] = root;
  path.forEach((key, i) => {
    const last = i === path.length - 1;
    const container = node as Record<string | number, unknown>;
    if (last) {
      container[key] = value;
      return;
    }
    const nextKey = path[i + 1];
    if (container[key] === undefined) {
      container[key] = typeof nextKey === 'number' ? [structuredClone(FIRST_ITEM[String(key)] ?? {})] : {};
    }
    node = container[key] as Record<string, unknown> | unknown[];
  });
};

interface Site {
  readonly relative: TemplatePath;
  readonly spec: FieldSpec;
  readonly base: Record<string, unknown>;
}

/** Every site of an object spec, depth first. At task level `Destination` is entered once per destination kind. */
const sitesOf = (spec: ObjectSpec, prefix: TemplatePath, base: () => Record<string, unknown>, top: boolean): Site[] =>
  Object.entries(spec.fields).flatMap(([key, field]): Site[] => {
    const relative = [...prefix, key];
    const here: Site = { relative, spec: field, base: base() };
    if (field.kind === 'list') {
      const items = field.items;
      return items.kind === 'object'
        ? [here, ...sitesOf(items, [...relative, 0], base, false)]
        : [here, { relative: [...relative, 0], spec: items, base: base() }];
    }
    if (field.kind !== 'object') {
      return [here];
    }
    if (key !== 'Destination') {
      return [here, ...sitesOf(field, relative, base, false)];
    }
    if (!top) {
      // A container's destination has the same definitions as the task's: the object itself is enough here.
      return [here];
    }
    return [
      here,
      ...DESTINATION_KEYS.flatMap((kind): Site[] => {
        const settings = field.fields[kind] as ObjectSpec;
        return [
          { relative: [...relative, kind], spec: settings, base: destinationBase(kind)() },
          ...sitesOf(settings, [...relative, kind], destinationBase(kind), false),
        ];
      }),
    ];
  });

const destinationBase = (kind: (typeof DESTINATION_KEYS)[number]) => (): Record<string, unknown> => ({
  Destination: { [kind]: structuredClone(MINIMAL_DESTINATION[kind]) },
});

const TASK_FIRELENS = (): Record<string, unknown> => ({ Destination: { CloudWatchLogs: {} } });
const FIRELENS_PATH = ['Resources', 'Task', 'Properties', 'FireLens'];
const CONTAINER_FIRELENS_PATH = ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'FireLens'];
const APP = { Name: 'app', Image: 'public.ecr.aws/nginx/nginx:1.27' };

export const FIELD_SITES: readonly FieldSite[] = [
  ...sitesOf(FIRELENS_PROPERTY, [], TASK_FIRELENS, true).map(({ relative, spec, base }): FieldSite => ({
    label: label(relative),
    path: [...FIRELENS_PATH, ...relative],
    spec,
    build: (value) => {
      const fireLens = structuredClone(base);
      setAt(fireLens, relative, value);
      return taskFragment({ FireLens: fireLens });
    },
  })),
  {
    label: 'ContainerDefinitions[0].FireLens',
    path: CONTAINER_FIRELENS_PATH,
    spec: CONTAINER_PROPERTY,
    build: (value) => taskFragment({ ContainerDefinitions: [{ ...APP, FireLens: value }] }),
  },
  ...sitesOf(CONTAINER_PROPERTY, [], () => ({}), false).map(({ relative, spec }): FieldSite => ({
    label: `ContainerDefinitions[0].FireLens.${label(relative)}`,
    path: [...CONTAINER_FIRELENS_PATH, ...relative],
    spec,
    build: (value) => {
      const override: Record<string, unknown> = {};
      setAt(override, relative, value);
      return taskFragment({ ContainerDefinitions: [{ ...APP, FireLens: override }] });
    },
  })),
];

/**
 * Whether a field takes the value, from its kind alone: types, enums, patterns, ranges, required keys.
 * (Cross-field rules, such as ConfigFileType needing ConfigFile, come later and may still refuse it.)
 */
const accepts = (spec: FieldSpec, value: unknown): boolean => {
  if (isIntrinsic(value)) {
    return (
      ('intrinsic' in spec && spec.intrinsic === true) || (spec.kind === 'list' && spec.literal !== true) || spec.kind === 'string-or-false'
    );
  }
  switch (spec.kind) {
    case 'string':
      return typeof value === 'string' && (spec.enum?.includes(value) ?? true) && (spec.pattern?.test(value) ?? true);
    case 'integer': {
      const n = literalInteger(value);
      return typeof value !== 'boolean' && n !== undefined && n >= spec.minimum && n <= spec.maximum && (spec.enum?.includes(n) ?? true);
    }
    case 'boolean':
      return typeof value === 'boolean';
    case 'string-or-false':
      return typeof value === 'string' || value === false;
    case 'options':
      return isObject(value) && Object.values(value).every((v) => ['string', 'number', 'boolean'].includes(typeof v) || isIntrinsic(v));
    case 'string-list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'list':
      return Array.isArray(value) && value.length === 0;
    case 'object':
      return (
        (value === false && spec.allowFalse === true) ||
        (typeof value === 'boolean' && spec.allowBoolean === true) ||
        (isObject(value) && Object.keys(value).length === 0 && (spec.required ?? []).length === 0 && spec.exactlyOne === undefined)
      );
  }
};

export interface FieldCase {
  readonly name: string;
  readonly site: FieldSite;
  readonly value: unknown;
  /** The macro must refuse it with a problem at the site's path. */
  readonly refused: boolean;
}

export const FIELD_CASES: readonly FieldCase[] = FIELD_SITES.flatMap((site) =>
  WRONG_VALUES.map(({ label: what, value }) => ({ name: `${site.label} = ${what}`, site, value, refused: !accepts(site.spec, value) })),
);

/** Entry points each field case goes through (see FragmentEntry in cases.ts). */
export const FIELD_ENTRIES = ['expand-macro-event', 'macro', 'cli-lint', 'hook-stack'] as const;

/**
 * One fragment per destination with every scalar field it can hold set wrong at once: the answer
 * must list each of them (SAM's "all errors at once").
 */
export const allWrongAtOnce = (): {
  readonly destination: string;
  readonly fragment: Record<string, unknown>;
  readonly paths: readonly TemplatePath[];
}[] =>
  DESTINATION_KEYS.map((destination) => {
    const fireLens: Record<string, unknown> = structuredClone(destinationBase(destination)());
    const paths: TemplatePath[] = [];
    for (const site of FIELD_SITES) {
      const relative = site.path.slice(FIRELENS_PATH.length);
      const inOtherDestination = relative[0] === 'Destination' && relative[1] !== destination;
      const isContainerSite = site.path[3] === 'ContainerDefinitions';
      if (isContainerSite || inOtherDestination || site.spec.kind === 'object' || site.spec.kind === 'list') {
        continue;
      }
      const wrong = WRONG_VALUES.find(({ value }) => !accepts(site.spec, value));
      if (wrong !== undefined) {
        setAt(fireLens, relative, wrong.value);
        paths.push(site.path);
      }
    }
    return { destination, fragment: taskFragment({ FireLens: fireLens }), paths };
  });
