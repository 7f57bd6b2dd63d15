/**
 * The JSON fast path of the loader: `JSON.parse`, then one walk that checks what the YAML path guarantees
 * (no duplicate key, numbers kept exactly, nesting and size within the loader's limits). Positions are not
 * computed while loading: the first finding to place scans the text once into a tree of spans mirroring
 * the template. Whenever the text is not plain JSON, or a check fails, this returns undefined and the YAML
 * path reads the text instead, so every error keeps its message, line and column.
 */
import { isObject, type JsonObject } from './intrinsics';
import { linePosition, lineStarts, type Locator, seqIndex, type SourceRange, type TemplatePath } from './locator';

export interface JsonLimits {
  /** Deepest value, the root being 0 (the YAML path's MAX_DEPTH). */
  readonly maxDepth: number;
  /** Most values (keys, scalars and collections), as the YAML path counts them while tokenizing. */
  readonly maxValues: number;
  /** Called every `valuesPerCheckpoint` values of the walk (a work budget throws from it). */
  readonly checkpoint: () => void;
  readonly valuesPerCheckpoint: number;
}

/** The template and its lazy locator, or undefined when the YAML path must read the text. */
export const loadJsonTemplate = (
  text: string,
  limits: JsonLimits,
): { readonly template: JsonObject; readonly locator: Locator } | undefined => {
  if (!/^\s*\{/.test(text)) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value)) {
    return undefined;
  }
  const template = value;
  const tally: Tally = { keys: 0, values: 0, nextCheckpoint: limits.valuesPerCheckpoint };
  if (!isPlain(template, 0, limits, tally) || tally.keys !== countMembers(text)) {
    return undefined;
  }
  return { template, locator: lazyJsonLocator(text) };
};

interface Tally {
  keys: number;
  values: number;
  nextCheckpoint: number;
}

/**
 * Within the limits, and every number exactly what was written: not infinite (`1e400`) and not an integer
 * past 2^53 that a double rounds. Counts keys (against the text's members: a duplicate key is one fewer).
 */
const isPlain = (value: unknown, depth: number, limits: JsonLimits, tally: Tally): boolean => {
  tally.values += 1;
  if (depth > limits.maxDepth || tally.values > limits.maxValues) {
    return false;
  }
  if (tally.values >= tally.nextCheckpoint) {
    tally.nextCheckpoint += limits.valuesPerCheckpoint;
    limits.checkpoint();
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value));
  }
  if (value === null || typeof value !== 'object') {
    return true;
  }
  if (Array.isArray(value)) {
    return value.every((item) => isPlain(item, depth + 1, limits, tally));
  }
  const keys = Object.keys(value);
  tally.keys += keys.length;
  tally.values += keys.length;
  return keys.every((key) => isPlain((value as JsonObject)[key], depth + 1, limits, tally));
};

/**
 * Object members in valid JSON text: its colons outside strings. Jumps from quote to quote and colon to
 * colon with indexOf (native), each search starting where the last one of its kind ended: linear.
 */
const countMembers = (text: string): number => {
  let count = 0;
  let colon = text.indexOf(':');
  for (let open = text.indexOf('"'); ; open = text.indexOf('"', open)) {
    const stop = open < 0 ? text.length : open;
    while (colon >= 0 && colon < stop) {
      count += 1;
      colon = text.indexOf(':', colon + 1);
    }
    if (open < 0) {
      return count;
    }
    open = closingQuote(text, open) + 1;
    if (colon >= 0 && colon < open) {
      colon = text.indexOf(':', open);
    }
  }
};

/** The quote that closes the string opened at `open`: the next one not escaped by an odd run of backslashes. */
const closingQuote = (text: string, open: number): number => {
  for (let quote = text.indexOf('"', open + 1); quote >= 0; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) {
      backslashes += 1;
    }
    if (backslashes % 2 === 0) {
      return quote;
    }
  }
  return text.length;
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const NEWLINE = 0x0a;

/** Offset just after the string that opens at `start` (a quote). */
const stringEnd = (text: string, start: number): number => {
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      i += 1;
    } else if (c === QUOTE) {
      return i + 1;
    }
  }
  return text.length;
};

/** Where one value sits: [start, end) offsets, and its children when it is a collection. */
interface Span {
  readonly start: number;
  end: number;
  readonly members?: Map<string, Member>;
  readonly items?: Span[];
}

interface Member {
  readonly keyStart: number;
  readonly keyEnd: number;
  value?: Span;
}

const isWhitespace = (c: number): boolean => c === 0x20 || c === NEWLINE || c === 0x0d || c === 0x09;

const skipWhitespace = (text: string, i: number): number => {
  let at = i;
  while (at < text.length && isWhitespace(text.charCodeAt(at))) {
    at += 1;
  }
  return at;
};

/** End of a number, `true`, `false` or `null` starting at `start`. */
const scalarEnd = (text: string, start: number): number => {
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isWhitespace(c) || c === 0x2c || c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      break;
    }
    i += 1;
  }
  return i;
};

const keyOf = (text: string, start: number, end: number): string => {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
};

/** One scan of text that JSON.parse accepted, into spans: iterative, as the text may nest 200 levels. */
const indexJson = (text: string): Span | undefined => {
  const stack: Span[] = [];
  let pendingKey: Member | undefined;
  let root: Span | undefined;
  const place = (span: Span): void => {
    const parent = stack.at(-1);
    if (parent === undefined) {
      root = span;
    } else if (parent.items) {
      parent.items.push(span);
    } else if (pendingKey) {
      pendingKey.value = span;
      pendingKey = undefined;
    }
  };
  for (let i = skipWhitespace(text, 0); i < text.length; i = skipWhitespace(text, i)) {
    const c = text.charCodeAt(i);
    const parent = stack.at(-1);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      const span: Span = c === OPEN_BRACE ? { start: i, end: i, members: new Map() } : { start: i, end: i, items: [] };
      place(span);
      stack.push(span);
      i += 1;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      const closed = stack.pop();
      if (closed) {
        closed.end = i + 1;
      }
      i += 1;
    } else if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (parent?.members && pendingKey === undefined) {
        pendingKey = { keyStart: i, keyEnd: end };
        parent.members.set(keyOf(text, i, end), pendingKey);
      } else {
        place({ start: i, end });
      }
      i = end;
    } else if (c === COLON || c === 0x2c) {
      i += 1;
    } else {
      const end = scalarEnd(text, i);
      place({ start: i, end });
      i = end;
    }
  }
  return root;
};

/**
 * The same places as the YAML path gives: a mapping entry at its key, an item at its value, a path that
 * leaves the template at the nearest place it reached. The spans are built on the first call.
 */
const lazyJsonLocator = (text: string): Locator => {
  let index: { readonly root: Span | undefined; readonly starts: readonly number[] } | undefined;
  return (path: TemplatePath): SourceRange | undefined => {
    index ??= { root: indexJson(text), starts: lineStarts(text) };
    const root = index.root;
    if (root === undefined) {
      return undefined;
    }
    let span: Span = root;
    let range: readonly [number, number] = [root.start, root.end];
    for (const segment of path) {
      const member: Member | undefined = span.members?.get(String(segment));
      const next: Span | undefined = member ? member.value : span.items?.[seqIndex(segment)];
      if (next === undefined) {
        break;
      }
      range = member ? [member.keyStart, member.keyEnd] : [next.start, next.end];
      span = next;
    }
    const start = linePosition(index.starts, range[0]);
    const end = linePosition(index.starts, range[1]);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  };
};
