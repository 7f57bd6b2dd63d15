/**
 * The YAML fast path. js-yaml builds plain objects directly and reads a template about nine times faster
 * than the `yaml` library composes its document (BENCHMARKS.md), so an ordinary template is read with it,
 * and the `yaml` library (load.ts) runs only where it is needed: for the source positions js-yaml's node
 * spans cannot give (yaml-fast-locator.ts; the shallow spans are recorded during this read), and for every
 * template this path declines. It declines — returns undefined — whenever
 * the two readers could disagree or the text needs the slow path's limits and messages: any parse
 * error, anchors (alias fan-out is bounded only there), directives, explicit `!!` or verbatim tags,
 * complex keys, keys that YAML would read as numbers, booleans or null (the slow path keeps their text),
 * and numbers JSON cannot hold exactly. Plain scalars are typed by the `yaml` library's own core schema,
 * so both paths give every value the same type.
 */
import type * as JsYaml from 'js-yaml';
import { isScalar, Schema } from 'yaml';

import { isObject, type Json, type JsonObject } from './intrinsics';
import { SHORT_FORM_TAGS } from './yaml-locator';
import { byteOrderMarkLength, type ComposeState, type Span, spanRecorder, type SpanTree } from './yaml-spans';

export interface FastYamlLimits {
  readonly maxDepth: number;
  readonly maxValues: number;
  readonly checkpoint: () => void;
  readonly valuesPerCheckpoint: number;
}

/** Thrown from inside js-yaml to stop reading as soon as the fast path is known not to apply. */
class DeclinedError extends Error {}

/** Text the two readers could read differently, or that only the slow path bounds: anchors/aliases are caught while reading. */
const DECLINED_TEXT = /^%|!!|!<|^[ \t-]*\?(?:[ \t]|$)|[\]}][ \t]*:(?:[ \t]|$)/m;

interface CoreTag {
  readonly tag: string;
  readonly test?: RegExp;
  readonly resolve: (source: string, onError: (message: string) => void, options: { intAsBigInt: boolean }) => unknown;
}

/** The `yaml` library's core-schema scalar tags with an implicit test, in its own order (null, bool, int…, float…). */
const CORE_SCALAR_TAGS: readonly CoreTag[] = (new Schema({ schema: 'core' }).tags as unknown as CoreTag[]).filter(
  (tag) => tag.test !== undefined,
);

/**
 * A number as the slow path keeps it: JSON's number when exact, else the source text (`.inf`, `1e400`,
 * integers past 2^53), so that no digit is lost. Shared with load.ts.
 */
export const exactNumber = (value: number, source: string | undefined): Json => {
  const exact = Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value) || String(value) === source);
  return exact ? value : (source ?? String(value));
};

/**
 * The characters a plain scalar can start with when a core tag of that name accepts it, read off the
 * `yaml` library's regexes: null is `~`, `null`, `Null`, `NULL` or empty; bool `true`/`false` in three
 * cases; int `0o7`, `0x1F`, `[-+]?[0-9]+`; float `.inf`, `.nan`, `-1.5e3`, `.5`. Most scalars of a template
 * (`Type`, `AWS::ECS::Service`, `awslogs`) start with none of them and are known to be strings after one
 * lookup, where js-yaml would have tried each tag's regex in turn. The tests check this table against
 * strings each regex generates. A tag not named here is tried on every scalar.
 */
const FIRST_CHARACTERS: Readonly<Record<string, string>> = {
  'tag:yaml.org,2002:null': '~nN',
  'tag:yaml.org,2002:bool': 'tTfF',
  'tag:yaml.org,2002:int': '-+0123456789',
  'tag:yaml.org,2002:float': '-+.0123456789',
};

/** Only the null tag accepts the empty scalar (`key:` with nothing after it). */
const EMPTY_SCALAR_TAGS = CORE_SCALAR_TAGS.filter((tag) => tag.test?.test('') === true);

/**
 * The longest scalar the null and bool tags accept (`FALSE`; read off the same regexes, checked by the same
 * tests): `TaskRoleArn` or `Properties` need not be tried against them. The number tags have no longest.
 */
const LONGEST: Readonly<Record<string, number>> = { 'tag:yaml.org,2002:null': 4, 'tag:yaml.org,2002:bool': 5 };

const LONGEST_OF_ALL = Math.max(...Object.values(LONGEST));

/** For each first character (by char code, below 128) the core tags that can accept it, in the `yaml` library's order. */
const tagsByFirstCharacter = (length: number): readonly (readonly CoreTag[])[] =>
  Array.from({ length: 128 }, (_, code) =>
    CORE_SCALAR_TAGS.filter(
      (tag) => (FIRST_CHARACTERS[tag.tag]?.includes(String.fromCharCode(code)) ?? true) && length <= (LONGEST[tag.tag] ?? Infinity),
    ),
  );

/** The same for any scalar, and for one longer than LONGEST_OF_ALL. */
const TAGS_BY_FIRST_CHARACTER = tagsByFirstCharacter(0);
const TAGS_BY_FIRST_CHARACTER_OF_LONG = tagsByFirstCharacter(LONGEST_OF_ALL + 1);

/** Tags that can accept a scalar starting past ASCII: none of the core ones, unless the `yaml` library adds one. */
const NON_ASCII_TAGS = CORE_SCALAR_TAGS.filter((tag) => !Object.hasOwn(FIRST_CHARACTERS, tag.tag));

/** The first core tag that reads a plain scalar as something other than a string, as the `yaml` library picks it. */
export const coreTagOf = (source: string): CoreTag | undefined => {
  const code = source.charCodeAt(0);
  const table = source.length > LONGEST_OF_ALL ? TAGS_BY_FIRST_CHARACTER_OF_LONG : TAGS_BY_FIRST_CHARACTER;
  const candidates = source === '' ? EMPTY_SCALAR_TAGS : code < 128 ? table[code] : NON_ASCII_TAGS;
  for (const tag of candidates ?? []) {
    if (tag.test?.test(source) === true) {
      return tag;
    }
  }
  return undefined;
};

/** The value a core tag reads from a plain scalar; undefined for a type JSON has not (no core tag makes one). */
const coreValue = (tag: CoreTag, source: string): Json | undefined => {
  const resolved = tag.resolve(source, () => undefined, { intAsBigInt: false });
  const value = isScalar(resolved) ? resolved.value : resolved;
  if (typeof value === 'number') {
    return exactNumber(value, source);
  }
  return value === null || typeof value === 'string' || typeof value === 'boolean' ? value : undefined;
};

/** A plain scalar as the `yaml` library's core schema types it (the line reader's typing too); undefined as above. */
export const plainScalar = (source: string): Json | undefined => {
  const tag = coreTagOf(source);
  return tag === undefined ? source : coreValue(tag, source);
};

const coreScalar = (tag: CoreTag, source: string): Json => {
  const value = coreValue(tag, source);
  if (value === undefined) {
    throw new DeclinedError('a core scalar of a type JSON has not');
  }
  return value;
};

/** `!GetAtt Res.Attr.Sub` → ["Res", "Attr.Sub"], as CloudFormation's own YAML reader does. Shared with load.ts. */
export const splitGetAtt = (value: string): Json => {
  const dot = value.indexOf('.');
  return dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : value;
};

/**
 * js-yaml, loaded on the first template the line reader declines (the CLI bundle is CommonJS, where
 * `require` is synchronous): most templates never need it, and loading it and building its schema cost
 * about 1 ms at every start of `firelens lint`.
 */
const jsYaml = (): typeof JsYaml =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('js-yaml') as typeof JsYaml;

let builtFastSchema: JsYaml.Schema | undefined;

/** Structure (map, seq, str) from js-yaml; every plain scalar typed by the `yaml` library's core tags. */
const fastSchema = (): JsYaml.Schema => (builtFastSchema ??= buildFastSchema(jsYaml()));

const buildFastSchema = ({ FAILSAFE_SCHEMA, Type }: typeof JsYaml): JsYaml.Schema => {
  /**
   * One implicit type for all core tags: js-yaml asks each implicit type in turn, and seven types meant seven
   * regexes for every plain scalar; this one looks at the first character and tries only the tags it allows.
   * The tag found is looked up again in construct: that runs only for the scalars that are not strings.
   */
  const coreScalarType = new Type('tag:firelens,fast:core', {
    kind: 'scalar',
    resolve: (data: unknown) => typeof data === 'string' && coreTagOf(data) !== undefined,
    construct: (data: string) => {
      const tag = coreTagOf(data);
      if (tag === undefined) {
        throw new DeclinedError('a scalar no core tag reads');
      }
      return coreScalar(tag, data);
    },
  });

  /** `!Sub x`, `!Sub [x, {…}]`, `!Transform {…}`: each short form on each kind of node, as the slow path reads them. */
  const shortFormTypes = Object.entries(SHORT_FORM_TAGS).flatMap(([tag, key]) =>
    (['scalar', 'sequence', 'mapping'] as const).map(
      (kind) =>
        new Type(tag, {
          kind,
          construct: (data: unknown) => {
            if (data === null) {
              throw new DeclinedError('a short form without a value');
            }
            const inner = data as Json;
            return { [key]: key === 'Fn::GetAtt' && typeof inner === 'string' ? splitGetAtt(inner) : inner };
          },
        }),
    ),
  );
  return FAILSAFE_SCHEMA.extend({ implicit: [coreScalarType], explicit: shortFormTypes });
};

/** A key the slow path would keep as written but js-yaml has turned into a string of its value (`1.0` → "1"). */
const isTypedKey = (key: string): boolean => coreTagOf(key) !== undefined || key === '[object Object]';

/** Walks the result once: declines typed keys. The depth and count were bounded while reading. */
const keysAreText = (value: unknown): boolean => {
  if (Array.isArray(value)) {
    return value.every(keysAreText);
  }
  if (!isObject(value)) {
    return true;
  }
  for (const key of Object.keys(value)) {
    if (isTypedKey(key) || !keysAreText(value[key])) {
      return false;
    }
  }
  return true;
};

/**
 * Nodes recorded while reading, for the locator: in js-yaml's count, the document's (depth 1), its entries'
 * (2: `Resources` and its mapping), theirs (3: each resource's key and value), each resource's (4: `Type`,
 * `Properties`) and the entries of its properties (5: `TaskRoleArn` and its value). A finding at a resource's
 * property, as most of them are, is placed from these alone; one deeper is placed by reading that property's
 * text again (yaml-fast-locator.ts). The whole template is read once. Down to depth 5, the 936 KB bench
 * template has 6,000 of its 48,000 nodes: recording them costs 1 to 3 ms more than down to depth 3, and
 * placing its 16 findings then reads nothing again (at depth 3, their 16 resources: 167 KB, about 25 ms).
 */
export const SHALLOW_SPAN_DEPTH = 5;

export interface FastYamlRead {
  readonly template: JsonObject;
  /** Where the shallow nodes are in the text (see {@link SHALLOW_SPAN_DEPTH}). */
  readonly spans: SpanTree;
  /** Each line's start offset, when the reader found them on its way (the line reader). */
  readonly lineStarts?: readonly number[];
}

/**
 * What js-yaml composes from `text`, with the spans of its nodes down to `spanDepth`; undefined when js-yaml
 * does not read it or the read is declined. Every read goes through here, the template's and the locator's
 * (which reads parts of the same text again), so all of them count values, call the work budget's checkpoint
 * and decline anchors alike.
 */
const readNodes = (text: string, limits: FastYamlLimits, spanDepth: number): { value: unknown; root: Span } | undefined => {
  const spans = spanRecorder();
  let values = 0;
  const listener = (event: string, state: ComposeState): void => {
    if (event === 'open') {
      values += 1;
      if (values > limits.maxValues) {
        throw new DeclinedError('too many values');
      }
      if (values % limits.valuesPerCheckpoint === 0) {
        limits.checkpoint();
      }
      if (state.depth <= spanDepth) {
        spans.open(state);
      }
    } else if (state.anchor !== null) {
      throw new DeclinedError('an anchor');
    } else if (state.depth <= spanDepth) {
      spans.close(state);
    }
  };
  let value: unknown;
  try {
    // maxDepth (js-yaml 4.3) and the listener's state are not in @types/js-yaml yet.
    const options: unknown = { schema: fastSchema(), maxDepth: limits.maxDepth, listener };
    value = jsYaml().load(text, options as Parameters<typeof JsYaml.load>[1]);
  } catch (error) {
    if (error instanceof DeclinedError || (error instanceof Error && error.name === 'YAMLException')) {
      return undefined;
    }
    // The work budget's own error (the hook's deadline) stops the load, as on the slow path.
    throw error;
  }
  const root = spans.root();
  return root === undefined ? undefined : { value, root };
};

/** The template and its shallow spans, or undefined when the slow path must read it (see the module comment). */
export const loadYamlFast = (text: string, limits: FastYamlLimits): FastYamlRead | undefined => {
  if (DECLINED_TEXT.test(text)) {
    return undefined;
  }
  const read = readNodes(text, limits, SHALLOW_SPAN_DEPTH);
  if (read === undefined || !isObject(read.value) || !keysAreText(read.value)) {
    return undefined;
  }
  const bom = byteOrderMarkLength(text);
  return { template: read.value, spans: { text: text.slice(bom), offset: bom, root: read.root, depth: SHALLOW_SPAN_DEPTH } };
};

/**
 * Every node's span in `text`, a part of a template the fast path read, which starts at `offset` in the
 * template's text (the locator reads an entry again this way); undefined if js-yaml does not read it.
 */
export const readYamlSpans = (text: string, offset: number, limits: FastYamlLimits): SpanTree | undefined => {
  // js-yaml composes no node deeper than maxDepth, so that depth records them all.
  const read = readNodes(text, limits, limits.maxDepth);
  return read === undefined ? undefined : { text, offset, root: read.root, depth: Infinity };
};
