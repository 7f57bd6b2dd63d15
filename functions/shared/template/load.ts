import {
  type Alias,
  Composer,
  CST,
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type Node as YamlNode,
  Parser,
  type Scalar,
} from 'yaml';

import { cutText, QUOTED_TEXT_LIMIT, TemplateParseError } from '../errors';
import { isObject, type Json, type JsonObject } from './intrinsics';
import { loadJsonTemplate } from './load-json';
import { exactNumber, loadYamlFast, splitGetAtt } from './load-yaml-fast';
import { loadYamlLines } from './load-yaml-lines';
import { type Locator, noLocation } from './locator';
import { fastYamlLocator } from './yaml-fast-locator';
import { aliasResolver, scalarKeyText, shortFormKey, yamlLocator } from './yaml-locator';

/** A template as CloudFormation sees it (short-form tags turned into their JSON form) and where each value came from. */
export interface LoadedTemplate {
  readonly template: JsonObject;
  readonly locator: Locator;
}

/** The YAML core schema's own tags (`!!str 1`, `!!map {}`): they change nothing CloudFormation would not accept. */
const YAML_TAG_PREFIX = 'tag:yaml.org,2002:';
const CORE_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((name) => `${YAML_TAG_PREFIX}${name}`));

/** Alias expansion is the one way a small YAML file becomes a huge value ("billion laughs"): cap it. */
const MAX_NODES = 400_000;
const MAX_DEPTH = 200;
/**
 * The YAML parser keeps one entry per open collection (about 1 KB each) and its composer recurses
 * once per level, so nesting is capped while the text is still being tokenized: 10,000 `[` must
 * neither exhaust the heap nor the stack. A little above MAX_DEPTH, which counts values, not parser states.
 */
const MAX_PARSER_DEPTH = MAX_DEPTH + 8;

/**
 * The parser's syntax tree costs up to about 1 KB per value (a dense `[1,1,1,…]`), so values are
 * counted while tokenizing too: 100,000 keep a worst-case template within about 128 MB, and are far
 * more than CloudFormation's 1 MB template limit holds in practice (about one value per 10 bytes).
 */
const MAX_SOURCE_VALUES = 100_000;

/**
 * The fast path leaves anything deeper to the exact reader, whose depth rule (short forms count a level of
 * their own) it need not copy: real templates nest fewer than 20 levels.
 */
const FAST_PATH_MAX_DEPTH = MAX_DEPTH / 2;

const NESTING_MESSAGE = `the template nests deeper than ${String(MAX_DEPTH)} levels`;

export interface LoadOptions {
  /** Called every {@link VALUES_PER_CHECKPOINT} values; a work budget throws from it to stop the load. */
  readonly checkpoint?: () => void;
}

/** Values read between two checkpoints: a few milliseconds of work. */
const VALUES_PER_CHECKPOINT = 4096;

const noCheckpoint = (): void => undefined;

interface Walk {
  readonly lines: LineCounter;
  readonly checkpoint: () => void;
  readonly resolve: (alias: Alias) => unknown;
  nodes: number;
}

/**
 * Parses a CloudFormation template written in YAML or JSON. JSON goes through `JSON.parse` (load-json.ts)
 * when it is plain JSON within the limits below, else through the YAML 1.2 parser (JSON is a subset), which
 * gives every error its message, line and column; both find source positions only when asked. Duplicate keys, keys that are not plain
 * strings and unknown `!Tags` are errors, as they are for CloudFormation. Time and memory are bounded:
 * nesting is capped while tokenizing, alias expansion by a count of values.
 */
export const loadTemplate = (text: string, options: LoadOptions = {}): LoadedTemplate => {
  const checkpoint = options.checkpoint ?? noCheckpoint;
  rejectControlCharacters(text);
  const json = loadJsonTemplate(text, {
    maxDepth: MAX_DEPTH,
    maxValues: MAX_SOURCE_VALUES,
    checkpoint,
    valuesPerCheckpoint: VALUES_PER_CHECKPOINT,
  });
  if (json !== undefined) {
    return json;
  }
  const limits = { maxDepth: FAST_PATH_MAX_DEPTH, maxValues: MAX_SOURCE_VALUES, checkpoint, valuesPerCheckpoint: VALUES_PER_CHECKPOINT };
  // The line reader takes the block style templates are written in; js-yaml the rest of plain YAML.
  const fast = loadYamlLines(text, limits) ?? loadYamlFast(text, limits);
  if (fast !== undefined) {
    // Positions come from the node spans recorded while reading (js-yaml reads again the entry a deeper
    // finding is in) when a finding needs one; where that walk cannot say, from the exact reader below, run once.
    const spans = fastYamlLocator(text, fast.spans, limits, fast.lineStarts);
    let exact: Locator | undefined;
    return { template: fast.template, locator: (path) => spans(path) ?? (exact ??= exactLocator(text, checkpoint))(path) };
  }
  return loadYamlDocument(text, checkpoint);
};

/**
 * The exact reader's positions for a text a fast reader read. js-yaml is more lenient than the `yaml` library
 * in a few places (a comment right after a flow collection, `}# c`): where the exact reader refuses such a
 * text, its findings go without a position rather than the placing throwing. The work budget's own error
 * still stops the run.
 */
const exactLocator = (text: string, checkpoint: () => void): Locator => {
  try {
    return loadYamlDocument(text, checkpoint).locator;
  } catch (error) {
    if (error instanceof TemplateParseError) {
      return noLocation;
    }
    throw error;
  }
};

/** The exact reader: the `yaml` library's document, which gives every error its message and keeps positions. */
export const loadYamlDocument = (text: string, checkpoint: () => void): LoadedTemplate => {
  const lines = new LineCounter();
  const doc = composeDocument(parseTokens(text, lines, checkpoint), text.length, lines);
  checkpoint();
  const first = doc.errors[0];
  if (first) {
    throw new TemplateParseError(describeYamlError(first.code, first.message), positionOf(lines, first.pos[0]));
  }
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED' && !isKnownTag(w.message));
  if (unknownTag) {
    throw new TemplateParseError(firstLine(unknownTag.message).replace(YAML_TAG_PREFIX, '!!'), positionOf(lines, unknownTag.pos[0]));
  }
  const walk: Walk = { lines, checkpoint, resolve: aliasResolver(doc), nodes: 0 };
  const template = toJson(walk, doc.contents, 0);
  if (!isObject(template)) {
    throw new TemplateParseError('a template must be a mapping (an object) at the top level', { line: 1, column: 1 });
  }
  // Positions are found when a finding needs one, by walking the document kept here.
  return { template, locator: yamlLocator(doc, lines, walk.resolve) };
};

/** C0 controls other than tab, LF and CR, and DEL: YAML and JSON allow them only escaped. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A NUL in the text is the mark of a binary file or of UTF-16 read as UTF-8; say so at once. */
const rejectControlCharacters = (text: string): void => {
  const match = CONTROL_CHARACTER.exec(text);
  if (!match) {
    return;
  }
  const code = `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const message =
    match[0] === '\u0000'
      ? `the template contains a NUL character (${code}): it is not UTF-8 text (a binary file, or UTF-16?)`
      : `the template contains the control character ${code}, which YAML and JSON allow only escaped`;
  throw new TemplateParseError(message, textPosition(text, match.index));
};

const textPosition = (text: string, index: number): { line: number; column: number } => {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: index - lineStart + 1 };
};

/** What `new Parser().parse(text)` does, one lexeme at a time, so that nesting and size are refused early. */
const parseTokens = (text: string, lines: LineCounter, checkpoint: () => void): CST.Token[] => {
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  const tokens: CST.Token[] = [];
  let values = 0;
  for (const lexeme of new Lexer().lex(text)) {
    if (startsValue(lexeme)) {
      values += 1;
      if (values % VALUES_PER_CHECKPOINT === 0) {
        checkpoint();
      }
    }
    for (const token of parser.next(lexeme)) {
      tokens.push(token);
    }
    if (parser.stack.length > MAX_PARSER_DEPTH) {
      throw new TemplateParseError(NESTING_MESSAGE, positionOf(lines, parser.offset));
    }
    if (values > MAX_SOURCE_VALUES) {
      throw new TemplateParseError(`the template holds more than ${String(MAX_SOURCE_VALUES)} values`, positionOf(lines, parser.offset));
    }
  }
  for (const token of parser.end()) {
    tokens.push(token);
  }
  return tokens;
};

/** First characters of the lexemes that open a quoted or block scalar, or a flow collection. */
const VALUE_OPENERS = new Set(['"', "'", '|', '>', '{', '[']);

/** Plain scalars come after the lexer's marker lexeme (CST.SCALAR); the others open with a sign of their own. */
const startsValue = (lexeme: string): boolean => lexeme === CST.SCALAR || VALUE_OPENERS.has(lexeme[0] ?? '');

const composeDocument = (tokens: readonly CST.Token[], length: number, lines: LineCounter): Document => {
  let doc: Document | undefined;
  for (const next of new Composer({ uniqueKeys: false }).compose(tokens, true, length)) {
    if (doc) {
      throw new TemplateParseError(
        'the file holds a second YAML document (after `---`); a template is one document',
        positionOf(lines, next.range[0]),
      );
    }
    doc = next;
  }
  if (!doc) {
    // compose(…, forceDoc) yields at least one document, even for empty text.
    throw new TemplateParseError('the template is empty', { line: 1, column: 1 });
  }
  return doc;
};

const firstLine = (message: string): string => message.split('\n')[0] ?? message;

/** The YAML library's message, except where it would expose a JavaScript internal. */
const describeYamlError = (code: string, message: string): string =>
  /call stack/i.test(message) ? `${NESTING_MESSAGE} (${code})` : firstLine(message);

const isKnownTag = (warning: string): boolean => shortFormKey(/Unresolved tag: (!\S+)/.exec(warning)?.[1]) !== undefined;

const positionOf = (lines: LineCounter, offset: number): { line: number; column: number } => {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
};

const nodePosition = (walk: Walk, node: { range?: unknown } | null | undefined): { line: number; column: number } | undefined => {
  const range = node?.range;
  return Array.isArray(range) && typeof range[0] === 'number' ? positionOf(walk.lines, range[0]) : undefined;
};

const toJson = (walk: Walk, node: unknown, depth: number): Json => {
  walk.nodes += 1;
  if (walk.nodes % VALUES_PER_CHECKPOINT === 0) {
    walk.checkpoint();
  }
  if (walk.nodes > MAX_NODES || depth > MAX_DEPTH) {
    throw new TemplateParseError(
      depth > MAX_DEPTH ? NESTING_MESSAGE : `the template expands to more than ${String(MAX_NODES)} values (YAML aliases?)`,
      nodePosition(walk, node as YamlNode | null),
    );
  }
  if (node === null || node === undefined) {
    return null;
  }
  if (isAlias(node)) {
    const target = walk.resolve(node);
    if (target === undefined) {
      const name = cutText(node.source, QUOTED_TEXT_LIMIT);
      throw new TemplateParseError(`the alias *${name} names no anchor (&${name}) before it`, nodePosition(walk, node));
    }
    return toJson(walk, target, depth + 1);
  }
  const yamlNode = node as YamlNode;
  const tag = yamlNode.tag;
  const key = shortFormKey(tag);
  if (tag !== undefined && key === undefined && !CORE_TAGS.has(tag)) {
    // !!binary, !!timestamp, !!set, !!omap, !!merge…: the YAML library reads them, CloudFormation does not.
    throw new TemplateParseError(
      `the YAML tag ${cutText(tag.replace(YAML_TAG_PREFIX, '!!'), QUOTED_TEXT_LIMIT)} is not one CloudFormation reads`,
      nodePosition(walk, yamlNode),
    );
  }
  if (key !== undefined) {
    const inner = untagged(walk, yamlNode, depth + 1);
    return { [key]: key === 'Fn::GetAtt' && typeof inner === 'string' ? splitGetAtt(inner) : inner };
  }
  return untagged(walk, yamlNode, depth);
};

/**
 * A key as written: `1.0:` stays "1.0" (not "1"), `true:` stays "true". Keys that are collections,
 * aliases or missing have no string form CloudFormation would accept, so they are errors.
 */
const keyText = (walk: Walk, key: unknown, map: YamlNode): string => {
  if (isScalar(key)) {
    return scalarKeyText(key);
  }
  const what =
    key === null || key === undefined ? 'an empty key' : isAlias(key) ? 'an alias (*name)' : isSeq(key) ? 'a sequence' : 'a mapping';
  throw new TemplateParseError(
    `a mapping key must be a string, not ${what}`,
    nodePosition(walk, isAlias(key) || isMap(key) || isSeq(key) ? key : map),
  );
};

/** Assignment would turn a `__proto__` key into the object's prototype, losing the key: define it instead. */
const setKey = (out: JsonObject, key: string, value: Json): void => {
  if (key === '__proto__') {
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    out[key] = value;
  }
};

const untagged = (walk: Walk, node: YamlNode, depth: number): Json => {
  if (isMap(node)) {
    const out: JsonObject = {};
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = keyText(walk, pair.key, node);
      if (seen.has(key)) {
        throw new TemplateParseError(
          `duplicate key "${cutText(key, QUOTED_TEXT_LIMIT)}" (map keys must be unique)`,
          nodePosition(walk, pair.key as YamlNode),
        );
      }
      seen.add(key);
      setKey(out, key, toJson(walk, pair.value, depth + 1));
    }
    return out;
  }
  if (isSeq(node)) {
    return node.items.map((item) => toJson(walk, item, depth + 1));
  }
  if (isScalar(node)) {
    return scalarValue(node);
  }
  return null;
};

/**
 * A scalar's JSON value. Numbers JSON cannot hold as written (`.inf`, `1e400`, integers past 2^53)
 * keep their source text rather than become `null` or lose digits.
 */
const scalarValue = (node: Scalar): Json => {
  const value = node.value;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return value;
  }
  if (typeof value === 'number') {
    return exactNumber(value, node.source);
  }
  if (typeof value === 'bigint') {
    return node.source ?? String(value);
  }
  // The core schema makes no other kind of scalar, and tags from other schemas are refused before this.
  throw new Error(`a YAML scalar of type ${typeof value}`);
};
