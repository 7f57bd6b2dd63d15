/**
 * Source positions for a template the YAML fast path read, without the `yaml` library's document. While it
 * read the template, the fast path recorded where its shallow nodes open and close, down to the properties
 * of each resource (load-yaml-fast.ts). A finding's path is walked down those nodes. Where the path goes
 * deeper, js-yaml reads again only the text of the deepest entry recorded on the way (`ContainerDefinitions:`
 * and its value), recording every node, and the walk goes on there. The entry's text is trusted only if it reads as the value the template holds at that
 * place; otherwise the whole text is read again, as it was before entries were read on their own. Where the
 * node shapes are not the plain ones this walk knows (a flow mapping entry without a value, a count that
 * does not match), it answers undefined and the exact reader places the finding instead.
 */
import { SPACE } from '../char-codes';
import { isObject } from './intrinsics';
import { type FastYamlLimits, readYamlSpans } from './load-yaml-fast';
import { linePosition, lineStarts, type Locator, seqIndex, type TemplatePath } from './locator';
import { SHORT_FORM_TAGS } from './yaml-locator';
import type { Span, SpanTree } from './yaml-spans';

/** A node whose only child composed the same value (js-yaml tries a block mapping first): the child is the node. */
const unwrap = (span: Span): Span => {
  let current = span;
  for (let only = current.children[0]; current.children.length === 1 && only !== undefined && only.result === current.result;) {
    current = only;
    only = current.children[0];
  }
  return current;
};

const WHITESPACE = /[ \t\r\n]/;

/** Where the node's text starts: past the separation space before it, a comment, and its tag or anchor. */
const textStart = (text: string, from: number): number => {
  let i = from;
  for (;;) {
    while (i < text.length && WHITESPACE.test(text.charAt(i))) {
      i += 1;
    }
    const c = text.charAt(i);
    if (c !== '#' && c !== '!' && c !== '&') {
      return i;
    }
    while (i < text.length && !WHITESPACE.test(text.charAt(i))) {
      i += 1;
    }
  }
};

const textEnd = (text: string, start: number, end: number): number => {
  let i = end;
  while (i > start && WHITESPACE.test(text.charAt(i - 1))) {
    i -= 1;
  }
  return i;
};

/** A block collection ends, as the `yaml` library counts it, after the line break that ends its last line. */
const rangeOf = (text: string, span: Span): [number, number] => {
  const start = textStart(text, span.start);
  const end = textEnd(text, start, span.end);
  const block = (span.kind === 'sequence' || span.kind === 'mapping') && text.charAt(start) !== '[' && text.charAt(start) !== '{';
  if (!block) {
    return [start, end];
  }
  const lineBreak = text.indexOf('\n', end);
  return [start, lineBreak < 0 ? text.length : lineBreak + 1];
};

/** A mapping entry a walk went through: its key and value, and the index of the key's segment in the path. */
interface Entry {
  readonly key: Span;
  readonly value: Span;
  readonly at: number;
}

interface Step {
  readonly span: Span;
  readonly inTag: boolean;
  /** What a path ending here names: a mapping entry's key, a list item, the document. */
  readonly range: readonly [number, number];
  /** The innermost mapping entry on the way here, whose text holds this node. */
  readonly entry: Entry | undefined;
}

/** The node's children were not recorded: the walk must go on in a reading of the entry's text. */
const DEEPER = 'deeper';

/**
 * The step down to `segment`: undefined when the node has no such key (the finding is placed at the node),
 * null when this walk cannot say, DEEPER when the node's children were not recorded.
 */
const next = (tree: SpanTree, step: Step, segment: string | number, at: number): Step | undefined | null | typeof DEEPER => {
  const span = unwrap(step.span);
  const tagKey = !step.inTag && span.tag !== null ? SHORT_FORM_TAGS[span.tag] : undefined;
  if (tagKey !== undefined) {
    return segment === tagKey ? { ...step, span, inTag: true } : undefined;
  }
  const value = step.inTag && isObject(span.result) ? Object.values(span.result)[0] : span.result;
  const collection = Array.isArray(value) || isObject(value);
  if (collection && (span.depth >= tree.depth || span.unread === true)) {
    return DEEPER;
  }
  if (Array.isArray(value)) {
    const items = span.children;
    const item = items.length === value.length ? items[seqIndex(segment)] : undefined;
    return item === undefined ? null : { span: item, inTag: false, range: rangeOf(tree.text, unwrap(item)), entry: step.entry };
  }
  if (isObject(value)) {
    const pairs = span.children;
    if (pairs.length !== 2 * Object.keys(value).length) {
      return null;
    }
    for (let i = 0; i < pairs.length; i += 2) {
      const key = pairs[i];
      const child = pairs[i + 1];
      if (key !== undefined && child !== undefined && String(key.result) === String(segment)) {
        return { span: child, inTag: false, range: rangeOf(tree.text, key), entry: { key, value: child, at } };
      }
    }
  }
  return undefined;
};

/** Offsets in the template's text, or the entry to read when the path goes deeper than recorded; undefined when the walk cannot say. */
type Walked = { readonly placed: readonly [number, number] } | { readonly deeper: Entry | undefined } | undefined;

/** Walks `path` down the tree (its first segment names a key of the tree's root). */
const walk = (tree: SpanTree, path: TemplatePath): Walked => {
  let step: Step = { span: tree.root, inTag: false, range: rangeOf(tree.text, unwrap(tree.root)), entry: undefined };
  for (const [at, segment] of path.entries()) {
    const deeper = next(tree, step, segment, at);
    if (deeper === null) {
      return undefined;
    }
    if (deeper === DEEPER) {
      return { deeper: step.entry };
    }
    if (deeper === undefined) {
      break;
    }
    step = deeper;
  }
  return { placed: [tree.offset + step.range[0], tree.offset + step.range[1]] };
};

/** A complete tree's walk always ends placed or unknown. */
const placedIn = (walked: Walked): readonly [number, number] | undefined =>
  walked !== undefined && 'placed' in walked ? walked.placed : undefined;

/** Only spaces (YAML's indentation) between the two offsets. */
const onlySpaces = (text: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i += 1) {
    if (text.charCodeAt(i) !== SPACE) {
      return false;
    }
  }
  return true;
};

/** Nothing but spaces, tabs and a comment up to the line's end. */
const restOfLineIsBlank = (text: string, from: number, lineEnd: number): boolean => {
  let i = from;
  while (i < lineEnd && (text.charAt(i) === ' ' || text.charAt(i) === '\t')) {
    i += 1;
  }
  const c = text.charAt(i);
  return i >= lineEnd || c === '#' || c === '\r' || c === '\n';
};

const lineStartOf = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

const nextLineStart = (text: string, offset: number): number => {
  const lineBreak = text.indexOf('\n', offset);
  return lineBreak < 0 ? text.length : lineBreak + 1;
};

/**
 * The text of one mapping entry. It starts at the start of the key's line when only indentation precedes the
 * key, so that every line keeps its indentation (a block scalar's `|2` counts from it); else at the key (in a
 * flow mapping). It ends with the line where the value ends, and the blank lines after it (a `|+` scalar
 * keeps them), unless the line goes on with more than a comment (the next entry of a flow mapping).
 */
const entryBounds = (text: string, entry: Entry): [number, number] => {
  const keyStart = textStart(text, entry.key.start);
  const lineStart = lineStartOf(text, keyStart);
  const start = onlySpaces(text, lineStart, keyStart) ? lineStart : keyStart;
  const valueEnd = textEnd(text, keyStart, entry.value.end);
  const lineEnd = nextLineStart(text, valueEnd);
  if (!restOfLineIsBlank(text, valueEnd, lineEnd)) {
    return [start, valueEnd];
  }
  const gapEnd = entry.value.end >= text.length ? text.length : lineStartOf(text, entry.value.end);
  return [start, Math.max(lineEnd, gapEnd)];
};

/** The same JSON value, keys in the same order. */
const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (!isObject(a) || !isObject(b)) {
    return false;
  }
  const keys = Object.keys(a);
  const others = Object.keys(b);
  return keys.length === others.length && keys.every((key, i) => key === others[i] && sameJson(a[key], b[key]));
};

/** The entry's text read on its own, if it reads as one entry with the key and value the template has there. */
const readEntry = (tree: SpanTree, entry: Entry, limits: FastYamlLimits): SpanTree | undefined => {
  const [start, end] = entryBounds(tree.text, entry);
  const slice = readYamlSpans(tree.text.slice(start, end), tree.offset + start, limits);
  const read = slice?.root.result;
  if (!isObject(read)) {
    return undefined;
  }
  const keys = Object.keys(read);
  const key = String(entry.key.result);
  return keys.length === 1 && keys[0] === key && sameJson(read[key], entry.value.result) ? slice : undefined;
};

/**
 * Places paths in a template the fast path read, from its shallow spans; undefined where this walk cannot say
 * (the caller asks the exact reader then). The range of a mapping entry is its key's. Texts read again are
 * read within the fast read's limits (and its work budget).
 */
export const fastYamlLocator = (text: string, shallow: SpanTree, limits: FastYamlLimits, knownStarts?: readonly number[]): Locator => {
  // Keyed by the entry's value node (by identity), never by a key's text.
  const entries = new WeakMap<Span, SpanTree | null>();
  let whole: SpanTree | null | undefined;
  let starts: readonly number[] | undefined = knownStarts;

  const readWhole = (): SpanTree | null => (whole ??= readYamlSpans(shallow.text, shallow.offset, limits) ?? null);

  const readEntryOnce = (entry: Entry): SpanTree | null => {
    let slice = entries.get(entry.value);
    if (slice === undefined) {
      slice = readEntry(shallow, entry, limits) ?? null;
      entries.set(entry.value, slice);
    }
    return slice;
  };

  const offsets = (path: TemplatePath): readonly [number, number] | undefined => {
    const walked = walk(shallow, path);
    if (walked === undefined || 'placed' in walked) {
      return walked?.placed;
    }
    const entry = walked.deeper;
    const slice = entry === undefined ? null : readEntryOnce(entry);
    if (slice !== null && entry !== undefined) {
      return placedIn(walk(slice, path.slice(entry.at)));
    }
    const tree = readWhole();
    return tree === null ? undefined : placedIn(walk(tree, path));
  };

  return (path) => {
    const range = offsets(path);
    if (range === undefined) {
      return undefined;
    }
    starts ??= lineStarts(text);
    const start = linePosition(starts, range[0]);
    const end = linePosition(starts, range[1]);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  };
};
