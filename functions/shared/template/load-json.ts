/**
 * The JSON fast path of the loader: `JSON.parse`, then one walk that checks what the YAML path guarantees
 * (no duplicate key, numbers kept exactly, nesting and size within the loader's limits). Positions are not
 * computed while loading: a finding to place walks its path through the text, reading only the collections
 * on that path (see {@link lazyJsonLocator}). Whenever the text is not plain JSON, or a check fails, this
 * returns undefined and the YAML path reads the text instead, so every error keeps its message, line and column.
 */
import {
  BACKSLASH,
  CARRIAGE_RETURN,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  NEWLINE,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  SPACE,
  TAB,
} from '../char-codes';
import { isObject, type JsonObject } from './intrinsics';
import { type Locator, seqIndex, type SourceRange, type TemplatePath } from './locator';

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

const isWhitespace = (c: number): boolean => c === SPACE || c === NEWLINE || c === CARRIAGE_RETURN || c === TAB;

const isOpening = (c: number): boolean => c === OPEN_BRACE || c === OPEN_BRACKET;

const isClosing = (c: number): boolean => c === CLOSE_BRACE || c === CLOSE_BRACKET;

/**
 * A scan's position: an offset, its line (1-based) and the offset that line starts at. Lines are counted by
 * the scan itself: a JSON string holds no raw newline, so every newline lies between the tokens it steps over.
 */
interface Cursor {
  offset: number;
  line: number;
  lineStart: number;
}

const skipWhitespace = (text: string, cursor: Cursor): void => {
  for (let c = text.charCodeAt(cursor.offset); isWhitespace(c); c = text.charCodeAt(cursor.offset)) {
    if (c === NEWLINE) {
      cursor.line += 1;
      cursor.lineStart = cursor.offset + 1;
    }
    cursor.offset += 1;
  }
};

/** From the end of a key or value to the next key or item (past a comma), or to the closing bracket. */
const skipToEntry = (text: string, cursor: Cursor): void => {
  skipWhitespace(text, cursor);
  if (text.charCodeAt(cursor.offset) === COMMA) {
    cursor.offset += 1;
    skipWhitespace(text, cursor);
  }
};

/**
 * Past the object or array at the cursor. A depth counter, not recursion (the text may nest 200 levels);
 * strings are jumped whole by {@link closingQuote}, so brackets inside them do not count. This loop is the
 * locator's hot path (Resources, nearly the whole template, is stepped over once), hence the local
 * variables and the first test: outside strings, valid JSON has nothing at or below a space but whitespace.
 */
const skipCollection = (text: string, cursor: Cursor): void => {
  let { offset: i, line, lineStart } = cursor;
  for (let depth = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c <= SPACE) {
      if (c === NEWLINE) {
        line += 1;
        lineStart = i + 1;
      }
    } else if (c === QUOTE) {
      i = closingQuote(text, i);
    } else if (isOpening(c)) {
      depth += 1;
    } else if (isClosing(c)) {
      depth -= 1;
      if (depth === 0) {
        i += 1;
        break;
      }
    }
  }
  cursor.offset = i;
  cursor.line = line;
  cursor.lineStart = lineStart;
};

/** Past a number, `true`, `false` or `null` (none holds a newline). */
const skipScalar = (text: string, cursor: Cursor): void => {
  for (let c = text.charCodeAt(cursor.offset); cursor.offset < text.length; c = text.charCodeAt(cursor.offset)) {
    if (isWhitespace(c) || c === COMMA || isClosing(c)) {
      return;
    }
    cursor.offset += 1;
  }
};

/** Past the value at the cursor. */
const skipValue = (text: string, cursor: Cursor): void => {
  const c = text.charCodeAt(cursor.offset);
  if (c === QUOTE) {
    cursor.offset = closingQuote(text, cursor.offset) + 1;
  } else if (isOpening(c)) {
    skipCollection(text, cursor);
  } else {
    skipScalar(text, cursor);
  }
};

/** A key as the template holds it: escapes decoded (JSON.parse accepted the text, so the slice is a valid string). */
const keyOf = (text: string, start: number, end: number): string => {
  const raw = text.slice(start + 1, end - 1);
  return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
};

/**
 * A value in the text: where it starts, where it ends once something has stepped past it, what was read of
 * it. Positions are plain number fields (offset, line, line start) rather than objects of their own: a
 * template with thousands of findings keeps thousands of places, and every object kept is one more for the
 * garbage collector to copy.
 */
interface Place {
  readonly start: number;
  readonly line: number;
  readonly lineStart: number;
  /** {@link UNKNOWN} until something steps past the value. */
  end: number;
  endLine: number;
  endLineStart: number;
  reading: Reading | undefined;
}

const UNKNOWN = -1;

/** An object member, placed at its key (which holds no newline, so it ends on the line it starts). */
interface Member extends Place {
  readonly key: string;
  readonly keyStart: number;
  readonly keyLine: number;
  readonly keyLineStart: number;
  readonly keyEnd: number;
}

const isMember = (place: Place): place is Member => 'key' in place;

/** A value starting at the cursor, nothing known of it yet. */
const placeAt = (cursor: Cursor): Place => ({
  start: cursor.offset,
  line: cursor.line,
  lineStart: cursor.lineStart,
  end: UNKNOWN,
  endLine: 0,
  endLineStart: 0,
  reading: undefined,
});

const startOf = (place: Place): Cursor => ({ offset: place.start, line: place.line, lineStart: place.lineStart });

const setEnd = (place: Place, cursor: Cursor): void => {
  place.end = cursor.offset;
  place.endLine = cursor.line;
  place.endLineStart = cursor.lineStart;
};

/**
 * V8 hashes a string longer than 16,383 characters by its length alone (String::kMaxHashCalcLength), so
 * such keys, all alike, would collide in a Map and turn each lookup into a walk of string comparisons.
 */
const isHashedInFull = (key: string): boolean => key.length < 16_383;

/**
 * The direct entries of an object or array, read from its opening bracket only as far as paths have needed
 * (their nested values are skipped, not read), and kept for the next path through it.
 */
interface Reading {
  readonly isObject: boolean;
  /** Members or items in text order. All but the last have a known end; reading resumes after the last. */
  readonly entries: Place[];
  /** An object's members by key, once it has more than {@link LISTED_MEMBERS}. */
  index?: MemberIndex;
  complete: boolean;
}

/**
 * Most objects in a template have a handful of members: a list is searched faster than a Map is built.
 * Past this many, lookups go through a {@link MemberIndex}.
 */
const LISTED_MEMBERS = 8;

/**
 * Members by key in a Map, except keys too long for V8 to hash, kept in a list sorted for a binary search
 * (a 5 MB template holds at most about 300 of them, so inserting in order costs little).
 */
interface MemberIndex {
  readonly hashed: Map<string, Member>;
  readonly long: Member[];
}

/** The reading of a collection, begun on the first visit; undefined for a scalar. */
const readingOf = (text: string, place: Place): Reading | undefined => {
  const c = text.charCodeAt(place.start);
  if (place.reading === undefined && isOpening(c)) {
    place.reading = { isObject: c === OPEN_BRACE, entries: [], complete: false };
  }
  return place.reading;
};

/** The member whose key starts at the cursor: key, colon, and the start of its value. */
const readMember = (text: string, cursor: Cursor): Member => {
  const { offset: keyStart, line: keyLine, lineStart: keyLineStart } = cursor;
  const keyEnd = closingQuote(text, keyStart) + 1;
  cursor.offset = keyEnd;
  skipWhitespace(text, cursor);
  cursor.offset += 1;
  skipWhitespace(text, cursor);
  // Spelled out, not spread from placeAt: V8 makes a spread object with added fields about four times larger.
  return {
    start: cursor.offset,
    line: cursor.line,
    lineStart: cursor.lineStart,
    end: UNKNOWN,
    endLine: 0,
    endLineStart: 0,
    reading: undefined,
    key: keyOf(text, keyStart, keyEnd),
    keyStart,
    keyLine,
    keyLineStart,
    keyEnd,
  };
};

/** Index of the first long-key member whose key is not before `key` (binary search). */
const longKeyIndex = (members: readonly Member[], key: string): number => {
  let low = 0;
  let high = members.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((members[mid]?.key ?? key) < key) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
};

const addToIndex = (index: MemberIndex, member: Member): void => {
  if (isHashedInFull(member.key)) {
    index.hashed.set(member.key, member);
  } else {
    index.long.splice(longKeyIndex(index.long, member.key), 0, member);
  }
};

const remember = (reading: Reading, entry: Place): void => {
  reading.entries.push(entry);
  if (reading.index !== undefined && isMember(entry)) {
    addToIndex(reading.index, entry);
  } else if (reading.isObject && reading.entries.length > LISTED_MEMBERS) {
    const index: MemberIndex = { hashed: new Map(), long: [] };
    reading.entries.filter(isMember).forEach((member) => {
      addToIndex(index, member);
    });
    reading.index = index;
  }
};

/** A member already read: among a few listed, or O(1) in the Map, or O(log k) comparisons among k long keys. */
const knownMember = (reading: Reading, key: string): Member | undefined => {
  const index = reading.index;
  if (index === undefined) {
    return reading.entries.find((entry): entry is Member => isMember(entry) && entry.key === key);
  }
  if (isHashedInFull(key)) {
    return index.hashed.get(key);
  }
  const found = index.long[longKeyIndex(index.long, key)];
  return found?.key === key ? found : undefined;
};

/**
 * Reads one more entry of `place`, from the cursor (where the previous one ended); undefined (and the
 * place's end known) at its closing bracket.
 */
const readNext = (text: string, place: Place, reading: Reading, cursor: Cursor): Place | undefined => {
  skipToEntry(text, cursor);
  if (cursor.offset >= text.length || isClosing(text.charCodeAt(cursor.offset))) {
    cursor.offset += 1;
    setEnd(place, cursor);
    reading.complete = true;
    return undefined;
  }
  const entry = reading.isObject ? readMember(text, cursor) : placeAt(cursor);
  remember(reading, entry);
  return entry;
};

/** Where reading resumes: after the last entry read (whose end is known), or just inside the opening bracket. */
const resumeAfter = (place: Place, last: Place | undefined): Cursor =>
  last === undefined
    ? { offset: place.start + 1, line: place.line, lineStart: place.lineStart }
    : { offset: last.end, line: last.endLine, lineStart: last.endLineStart };

/** Finds where a value ends by skipping it, unless something has stepped past it already (its own reading aside). */
const skipToEnd = (text: string, place: Place): void => {
  if (place.end === UNKNOWN) {
    const cursor = startOf(place);
    skipValue(text, cursor);
    setEnd(place, cursor);
  }
};

/** Reads the rest of a collection, each entry skipped but the last one already read, whose end is known. */
const finishReading = (text: string, place: Place, reading: Reading): void => {
  while (!reading.complete) {
    const last = reading.entries.at(-1);
    if (last !== undefined) {
      skipToEnd(text, last);
    }
    readNext(text, place, reading, resumeAfter(place, last));
  }
};

/**
 * Finds where a value ends. When paths have read into it, its reading is finished rather than the whole
 * value skipped again, and so is the reading of its last entry, and so on down: that chain is walked first
 * and finished from the bottom up, without recursion.
 */
const findEnd = (text: string, place: Place): void => {
  if (place.reading === undefined) {
    skipToEnd(text, place);
    return;
  }
  const chain: Place[] = [];
  for (let at: Place | undefined = place; at !== undefined && at.end === UNKNOWN; at = at.reading?.entries.at(-1)) {
    chain.push(at);
  }
  for (const at of chain.reverse()) {
    if (at.reading === undefined) {
      skipToEnd(text, at);
    } else {
      finishReading(text, at, at.reading);
    }
  }
};

/** Reads one more entry, after the last one read; undefined when there is none. */
const readAnother = (text: string, place: Place, reading: Reading): Place | undefined => {
  if (reading.complete) {
    return undefined;
  }
  const last = reading.entries.at(-1);
  if (last !== undefined) {
    findEnd(text, last);
  }
  return readNext(text, place, reading, resumeAfter(place, last));
};

/** The member named `key`, read on until it appears when it is not known yet (each entry is read once). */
const memberNamed = (text: string, place: Place, reading: Reading, key: string): Member | undefined => {
  const known = knownMember(reading, key);
  if (known !== undefined) {
    return known;
  }
  for (let entry = readAnother(text, place, reading); entry !== undefined; entry = readAnother(text, place, reading)) {
    if (isMember(entry) && entry.key === key) {
      return entry;
    }
  }
  return undefined;
};

const nthItem = (text: string, place: Place, reading: Reading, index: number): Place | undefined => {
  if (!Number.isInteger(index) || index < 0) {
    return undefined;
  }
  while (reading.entries.length <= index && readAnother(text, place, reading) !== undefined) {
    // Reading on until the item exists or the array ends.
  }
  return reading.entries[index];
};

/** The entry of `place` that `segment` names, reading on as far as needed; undefined when there is none. */
const childAt = (text: string, place: Place, segment: string | number): Place | undefined => {
  const reading = readingOf(text, place);
  if (reading === undefined) {
    return undefined;
  }
  return reading.isObject ? memberNamed(text, place, reading, String(segment)) : nthItem(text, place, reading, seqIndex(segment));
};

const valueRange = (place: Place): SourceRange => ({
  line: place.line,
  column: place.start - place.lineStart + 1,
  endLine: place.endLine,
  endColumn: place.end - place.endLineStart + 1,
});

const keyRange = (member: Member): SourceRange => ({
  line: member.keyLine,
  column: member.keyStart - member.keyLineStart + 1,
  endLine: member.keyLine,
  endColumn: member.keyEnd - member.keyLineStart + 1,
});

/** The root object, after any whitespace before it. */
const rootPlace = (text: string): Place => {
  const cursor: Cursor = { offset: 0, line: 1, lineStart: 0 };
  skipWhitespace(text, cursor);
  return placeAt(cursor);
};

/**
 * The same places as the YAML path gives: a mapping entry at its key, an item at its value, a path that
 * leaves the template at the nearest place it reached. Nothing is read until a finding asks: then the path
 * is walked from the root, each collection on it read only as far as the next step needs (see
 * {@link Reading}), and the readings kept for the next path.
 *
 * Cost: a finding's path is read once, and the next path reuses what is already read. A text character is
 * stepped over by at most one reading per collection around it that a path went into (a value passed
 * before a path went into it is passed again by its own reading), so all placements together scan at most
 * (depth of the deepest path placed + 1) × (text length): about once for a template whose findings lie
 * in Resources. A path step costs a search among at most {@link LISTED_MEMBERS} members, or one Map lookup,
 * or O(log k) comparisons of a key too long for V8 to hash, or one array index.
 */
const lazyJsonLocator = (text: string): Locator => {
  let root: Place | undefined;
  return (path: TemplatePath): SourceRange | undefined => {
    root ??= rootPlace(text);
    let place = root;
    for (const segment of path) {
      const child = childAt(text, place, segment);
      if (child === undefined) {
        break;
      }
      place = child;
    }
    if (isMember(place)) {
      return keyRange(place);
    }
    findEnd(text, place);
    return valueRange(place);
  };
};
