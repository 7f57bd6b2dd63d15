/**
 * The line reader: the block-style YAML CloudFormation templates are written in, read a line at a time.
 * js-yaml reads any YAML one character at a time through a general state machine; in a fresh process it
 * takes about twice as long as this reader on a 1 MB template (BENCHMARKS.md). Templates use a small part
 * of YAML: block mappings and sequences, one-line scalars, short-form tags, one-line flow collections,
 * literal block scalars. This reader takes that part only, builds plain objects directly, and declines —
 * returns undefined — at anything else, so that js-yaml or the exact reader reads the text instead:
 * anchors, aliases, other tags, complex keys, multi-line plain, quoted or flow values, folded or kept block
 * scalars, tabs, CRs, escapes JSON does not have, duplicate keys, keys YAML would type (`1:`, `true:`),
 * `__proto__` and `<<`. Plain scalars are typed by the `yaml` library's core schema, as on the other paths;
 * tests compare the three readers on every repository template and on generated ones.
 */
import {
  APOSTROPHE,
  BACKSLASH,
  BANG,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DASH,
  HASH,
  NEWLINE,
  OPEN_BRACE,
  OPEN_BRACKET,
  PIPE,
  QUESTION,
  QUOTE,
  SPACE,
} from '../char-codes';
import { isObject, type Json, type JsonObject } from './intrinsics';
import { coreTagOf, type FastYamlRead, plainScalar, SHALLOW_SPAN_DEPTH, splitGetAtt } from './load-yaml-fast';
import { shortFormKey } from './yaml-locator';
import type { Span } from './yaml-spans';

export interface LineReaderLimits {
  readonly maxDepth: number;
  readonly maxValues: number;
  readonly checkpoint: () => void;
  readonly valuesPerCheckpoint: number;
}

/** Thrown inside the reader when the text leaves the part of YAML it reads; caught at the top. */
class Declined extends Error {}

const decline = (why: string): never => {
  throw new Declined(why);
};

/** A table of the ASCII characters in `ascii`: one array read per character, as the reader asks for every line. */
const charTable = (ascii: string): Uint8Array => {
  const table = new Uint8Array(128);
  for (let i = 0; i < ascii.length; i += 1) {
    table[ascii.charCodeAt(i)] = 1;
  }
  return table;
};

const isIn = (table: Uint8Array, c: number): boolean => c < 128 && table[c] === 1;

/** A plain scalar typed by the core schema, as the other readers type it; declined for a type JSON has not. */
const typedPlain = (text: string): Json => {
  const value = plainScalar(text);
  return value === undefined ? decline('a core scalar of a type JSON has not') : value;
};

/** A plain key the core schema would read as null, a boolean or a number (`1:`, `true:`), which YAML keeps as written. */
const isTypedKey = (key: string): boolean => coreTagOf(key) !== undefined;

/** Characters a plain scalar may not start with (YAML's indicators), beyond `-`, `?` and `:` before a space. */
const INDICATORS = charTable('[]{},#&*!|>\'"%@`');

/** JSON's escapes, which YAML's double-quoted style shares; YAML's others (`\x41`, `\e`, `\ `…) are declined. */
const JSON_ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/g;

/** The JSON key of a short-form tag (`!Sub` → `Fn::Sub`); any other tag is declined. */
const shortFormKeyOf = (tag: string): string => shortFormKey(tag) ?? decline(`the tag ${tag}`);

/** The quote closing the quoted scalar that opens at `open`, before `end` (its line's end); -1 when it is not there. */
const closingQuote = (text: string, open: number, end: number): number => {
  const quote = text.charCodeAt(open);
  for (let at = open + 1; at < end; at += 1) {
    const c = text.charCodeAt(at);
    if (quote === QUOTE && c === BACKSLASH) {
      at += 1;
    } else if (c === quote) {
      if (quote === APOSTROPHE && text.charCodeAt(at + 1) === APOSTROPHE) {
        at += 1;
      } else {
        return at;
      }
    }
  }
  return -1;
};

/** The text of the quoted scalar from `open` to `close` (its quotes). */
const quotedText = (text: string, open: number, close: number): string => {
  const inner = text.slice(open + 1, close);
  if (text.charCodeAt(open) === APOSTROPHE) {
    return inner.replaceAll("''", "'");
  }
  if (!inner.includes('\\')) {
    return inner;
  }
  return inner.replace(JSON_ESCAPE, '').includes('\\') ? decline('a YAML-only escape') : (JSON.parse(`"${inner}"`) as string);
};

class LineReader {
  /** The current content line: the column its content starts at (-1 past the end), that offset, and its end. */
  indent = -1;
  content = 0;
  lineStart = 0;
  lineEnd = 0;
  private values = 0;
  /** The offset of each line's start, as locator.ts's lineStarts gives them: the locator need not scan the text again. */
  readonly lineStarts: number[] = [0];
  private lastLineStart = 0;
  /** The next `:` and `#` found so far (or the text's length): searches move forward only, so all of them together scan the text once. */
  private nextColon = -1;
  private nextHash = -1;

  constructor(
    private readonly text: string,
    private readonly limits: LineReaderLimits,
  ) {}

  /**
   * Moves to the first line from `from` (a line start) with content: not blank, not only a comment. A `---`
   * line is declined (a second document) unless `documentStart` allows it (the first content of the text).
   */
  advance(from: number, documentStart = false): void {
    const text = this.text;
    for (let start = from; start < text.length;) {
      this.reach(start);
      const newline = text.indexOf('\n', start);
      const end = newline < 0 ? text.length : newline;
      let at = start;
      while (at < end && text.charCodeAt(at) === SPACE) {
        at += 1;
      }
      if (at < end && text.charCodeAt(at) !== HASH) {
        if (at === start && this.isDocumentMarker(start, end)) {
          if (!documentStart || !text.startsWith('---', start) || !this.isSpaceOrComment(start + 3, end)) {
            decline('a document marker');
          }
          documentStart = false;
          start = end + 1;
          continue;
        }
        this.setLine(start, at, end);
        return;
      }
      start = end + 1;
    }
    this.setLine(text.length, text.length, text.length);
    this.indent = -1;
  }

  /**
   * The offset of the first `:` (or `#`) at or after `from`, or the text's length: a native search, whose
   * result is kept while later calls ask from no further than it (each call asks from past the last one's
   * `from`, as lines are read in order).
   */
  private colonFrom(from: number): number {
    if (this.nextColon < from) {
      const at = this.text.indexOf(':', from);
      this.nextColon = at < 0 ? this.text.length : at;
    }
    return this.nextColon;
  }

  private hashFrom(from: number): number {
    if (this.nextHash < from) {
      const at = this.text.indexOf('#', from);
      this.nextHash = at < 0 ? this.text.length : at;
    }
    return this.nextHash;
  }

  /** Where a comment starts on the current line (a `#` after a space), from `at` on; else the line's end. */
  private commentStart(at: number): number {
    let hash = this.hashFrom(at);
    while (hash < this.lineEnd && this.text.charCodeAt(hash - 1) !== SPACE) {
      hash = this.hashFrom(hash + 1);
    }
    return Math.min(hash, this.lineEnd);
  }

  /** Notes a line start the first time the reader reaches it (it reaches them in order). */
  reach(start: number): void {
    if (start > this.lastLineStart) {
      this.lineStarts.push(start);
      this.lastLineStart = start;
    }
  }

  atEnd(): boolean {
    return this.indent === -1;
  }

  private setLine(start: number, content: number, end: number): void {
    this.lineStart = start;
    this.content = content;
    this.lineEnd = end;
    this.indent = content - start;
  }

  private isDocumentMarker(start: number, end: number): boolean {
    const marker = this.text.slice(start, start + 3);
    return (marker === '---' || marker === '...') && (start + 3 === end || this.text.charCodeAt(start + 3) === SPACE);
  }

  private isSpaceOrComment(from: number, end: number): boolean {
    let at = from;
    while (at < end && this.text.charCodeAt(at) === SPACE) {
      at += 1;
    }
    return at === end || (at > from && this.text.charCodeAt(at) === HASH);
  }

  private count(depth: number): void {
    this.values += 1;
    if (depth > this.limits.maxDepth || this.values > this.limits.maxValues) {
      decline('past the limits');
    }
    if (this.values % this.limits.valuesPerCheckpoint === 0) {
      this.limits.checkpoint();
    }
  }

  private isSequenceEntry(): boolean {
    return this.text.charCodeAt(this.content) === DASH && isBlankOrEnd(this.text, this.content + 1, this.lineEnd);
  }

  /**
   * The node whose first line is the current one, indented past `parent`. `spans`, when given, receives the
   * spans of a collection's entries or items (see {@link recorded}).
   */
  node(parent: number, depth: number, spans?: Span[]): Json {
    if (this.isSequenceEntry()) {
      return this.sequence(this.indent, depth, spans);
    }
    if (this.keyEnd() >= 0) {
      return this.mapping(this.indent, depth, spans);
    }
    return this.value(this.content, parent, depth);
  }

  sequence(indent: number, depth: number, spans?: Span[]): Json[] {
    this.count(depth);
    const items: Json[] = [];
    while (this.indent === indent && this.isSequenceEntry()) {
      let at = this.content + 1;
      while (at < this.lineEnd && this.text.charCodeAt(at) === SPACE) {
        at += 1;
      }
      const start = at;
      const children = spans === undefined ? undefined : childrenAt(depth + 1);
      const item = this.item(start, indent, depth + 1, children);
      items.push(item);
      if (spans !== undefined) {
        spans.push(this.nodeSpan(start, item, depth + 1, children));
      }
    }
    return this.endOfCollection(indent, items);
  }

  /** A sequence entry's node, whose content starts at `at` on the entry's line or on the lines below. */
  private item(at: number, indent: number, depth: number, spans: Span[] | undefined): Json {
    if (at === this.lineEnd || this.text.charCodeAt(at) === HASH) {
      this.advance(this.lineEnd + 1);
      return this.indent > indent ? this.node(indent, depth, spans) : this.empty(depth);
    }
    // The entry's content is a node of its own, starting at its column (`- Name: x` opens a mapping there).
    this.setLine(this.lineStart, at, this.lineEnd);
    return this.node(indent, depth, spans);
  }

  mapping(indent: number, depth: number, spans?: Span[]): JsonObject {
    this.count(depth);
    const entries: JsonObject = {};
    while (this.indent === indent && !this.isSequenceEntry()) {
      const keyStart = this.content;
      const keyEnd = this.keyEnd();
      const key = keyEnd < 0 ? decline('a line that is not a key') : this.key(keyEnd);
      if (Object.hasOwn(entries, key)) {
        decline('a duplicate key');
      }
      this.count(depth + 1);
      spans?.push(this.keySpan(keyStart, keyEnd, key, depth + 2));
      const children = spans === undefined ? undefined : childrenAt(depth + 1);
      const value = this.entryValue(keyEnd + 1, indent, depth + 1, children);
      entries[key] = value;
      spans?.push(this.nodeSpan(keyEnd + 1, value, depth + 1, children));
    }
    return this.endOfCollection(indent, entries);
  }

  /** A key's span: from its first character (a quote included) to its last, before the colon. */
  private keySpan(start: number, colon: number, key: string, depth: number): Span {
    let end = colon;
    while (end > start && this.text.charCodeAt(end - 1) === SPACE) {
      end -= 1;
    }
    return { start, end, result: key, tag: null, kind: 'scalar', depth, children: [] };
  }

  /**
   * The span of a node at template depth `depth` just read, as js-yaml's listener would have recorded it
   * (yaml-spans.ts): one deeper than the template's count (the document is 1), with the spans of its own
   * entries or items in `children` down to SHALLOW_SPAN_DEPTH (see childrenAt). It ends where the next content
   * line starts. A short form or a flow collection is marked `unread`: its inner nodes are not recorded, and
   * the locator reads its entry again for a path into it.
   */
  private nodeSpan(start: number, value: Json, depth: number, children: Span[] | undefined): Span {
    const text = this.text;
    let at = start;
    while (text.charCodeAt(at) === SPACE) {
      at += 1;
    }
    const tag = text.charCodeAt(at) === BANG ? text.slice(at, tokenEnd(text, at)) : null;
    const inner = tag === null || !isObject(value) ? value : Object.values(value)[0];
    const kind = Array.isArray(inner) ? 'sequence' : isObject(inner) ? 'mapping' : 'scalar';
    const flow = text.charCodeAt(at) === OPEN_BRACKET || text.charCodeAt(at) === OPEN_BRACE;
    const end = this.atEnd() ? text.length : this.lineStart;
    const unread = kind !== 'scalar' && (tag !== null || flow);
    return { start, end, result: value, tag, kind, depth: depth + 1, children: children ?? [], unread };
  }

  private endOfCollection<T>(indent: number, collection: T): T {
    return this.indent > indent ? decline('a line indented past its collection') : collection;
  }

  private empty(depth: number): null {
    this.count(depth);
    return null;
  }

  /** The value after `key:`: on the same line, or on the lines below (a sequence may sit at the key's column). */
  private entryValue(from: number, indent: number, depth: number, spans: Span[] | undefined): Json {
    let at = from;
    while (at < this.lineEnd && this.text.charCodeAt(at) === SPACE) {
      at += 1;
    }
    if (at < this.lineEnd && !(at > from && this.text.charCodeAt(at) === HASH)) {
      return this.value(at, indent, depth);
    }
    this.advance(this.lineEnd + 1);
    if (this.indent > indent) {
      return this.node(indent, depth, spans);
    }
    return this.indent === indent && this.isSequenceEntry() ? this.sequence(indent, depth, spans) : this.empty(depth);
  }

  /**
   * Where the current line's key ends (its colon), or -1 when the line is not `key:` or `key: value`. A plain
   * key ends at the first `: ` (or a colon ending the line); a quoted key at its closing quote.
   */
  keyEnd(): number {
    const text = this.text;
    const first = text.charCodeAt(this.content);
    if (first === QUOTE || first === APOSTROPHE) {
      const close = closingQuote(text, this.content, this.lineEnd);
      return close >= 0 && text.charCodeAt(close + 1) === COLON && isBlankOrEnd(text, close + 2, this.lineEnd) ? close + 1 : -1;
    }
    if (isIn(INDICATORS, first)) {
      // `!Ref x`, `[a, b]`, `{a: b}`, `|`: a value, whatever colons follow (a tagged or flow key is declined there).
      return -1;
    }
    const end = this.commentStart(this.content);
    for (let colon = this.colonFrom(this.content); colon < end; colon = this.colonFrom(colon + 1)) {
      if (isBlankOrEnd(text, colon + 1, end)) {
        return colon;
      }
    }
    return -1;
  }

  private key(colon: number): string {
    const text = this.text;
    const first = text.charCodeAt(this.content);
    const key =
      first === QUOTE || first === APOSTROPHE
        ? quotedText(text, this.content, colon - 1)
        : this.plainKey(text.slice(this.content, colon).trimEnd());
    return key === '__proto__' || key === '<<' ? decline(`the key ${key}`) : key;
  }

  private plainKey(key: string): string {
    if (!startsPlain(key, 0, key.length, false) || key.includes(' #')) {
      decline('a key YAML reads otherwise');
    }
    return isTypedKey(key) ? decline('a key YAML would type') : key;
  }

  /**
   * A value starting at `at` on the current line: a scalar, a tagged value, a one-line flow collection or
   * a literal block scalar. Leaves the reader on the next content line, which must not be indented past
   * `parent` (that would continue the value over lines).
   */
  value(at: number, parent: number, depth: number): Json {
    this.count(depth);
    const c = this.text.charCodeAt(at);
    const value = c === BANG ? this.tagged(at, parent, depth) : c === PIPE ? this.literal(at, parent) : this.restOfLine(at, depth);
    return this.indent > parent ? decline('a value over several lines') : value;
  }

  private restOfLine(at: number, depth: number): Json {
    const value = this.inline(at, depth);
    this.advance(this.lineEnd + 1);
    return value;
  }

  /** A scalar or flow collection that takes the rest of the line (a comment aside). */
  private inline(at: number, depth: number): Json {
    const c = this.text.charCodeAt(at);
    if (c === QUOTE || c === APOSTROPHE) {
      const close = closingQuote(this.text, at, this.lineEnd);
      if (close < 0 || !this.isSpaceOrComment(close + 1, this.lineEnd)) {
        decline('a quoted scalar that does not end its line');
      }
      return quotedText(this.text, at, close);
    }
    if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      const flow = new FlowReader(this.text, this.lineEnd, (deeper) => {
        this.count(depth + deeper);
      });
      const value = flow.node(at);
      return this.isSpaceOrComment(flow.at, this.lineEnd) ? value : decline('text after a flow collection');
    }
    return typedPlain(this.plain(at));
  }

  /** A plain scalar's text, up to a comment or the end of the line. */
  private plain(at: number): string {
    const text = this.text;
    if (!startsPlain(text, at, this.lineEnd, false)) {
      decline('a value YAML reads otherwise');
    }
    const scalar = text.slice(at, this.commentStart(at)).trimEnd();
    return scalar.includes(': ') || scalar.endsWith(':') ? decline('a mapping inside a value') : scalar;
  }

  /** `!Ref x`, `!Sub |`, `!If [...]`, or a tag alone with its collection on the lines below. */
  private tagged(at: number, parent: number, depth: number): JsonObject {
    const text = this.text;
    const end = Math.min(tokenEnd(text, at), this.lineEnd);
    const key = shortFormKeyOf(text.slice(at, end));
    let next = end;
    while (next < this.lineEnd && text.charCodeAt(next) === SPACE) {
      next += 1;
    }
    let inner: Json;
    if (next === this.lineEnd || (next > end && text.charCodeAt(next) === HASH)) {
      this.advance(this.lineEnd + 1);
      const block = this.indent > parent && (this.isSequenceEntry() || this.keyEnd() >= 0);
      inner = block ? this.node(parent, depth + 1) : decline('a tag without a value');
    } else if (next === end) {
      inner = decline('a tag not followed by a space');
    } else if (text.charCodeAt(next) === PIPE) {
      inner = this.literal(next, parent);
    } else {
      const c = text.charCodeAt(next);
      // A tagged plain scalar is a string: the tag wins over the core schema's types.
      inner = c === QUOTE || c === APOSTROPHE || c === OPEN_BRACKET || c === OPEN_BRACE ? this.inline(next, depth + 1) : this.plain(next);
      this.advance(this.lineEnd + 1);
    }
    return { [key]: key === 'Fn::GetAtt' && typeof inner === 'string' ? splitGetAtt(inner) : inner };
  }

  /**
   * A literal block scalar (`|` or `|-`) whose header is at `at`: its lines are those indented past `parent`
   * (blank ones inside), taken as written from the first line's indentation on.
   */
  private literal(at: number, parent: number): string {
    const text = this.text;
    const strip = text.charCodeAt(at + 1) === DASH;
    if (!this.isSpaceOrComment(at + (strip ? 2 : 1), this.lineEnd)) {
      decline('a block scalar header with an indicator');
    }
    const lines: { readonly start: number; readonly end: number; readonly spaces: number; readonly blank: boolean }[] = [];
    let indent = -1;
    let start = this.lineEnd + 1;
    while (start < text.length) {
      this.reach(start);
      const newline = text.indexOf('\n', start);
      const end = newline < 0 ? text.length : newline;
      let spaces = 0;
      while (start + spaces < end && text.charCodeAt(start + spaces) === SPACE) {
        spaces += 1;
      }
      const blank = start + spaces === end;
      if (!blank && (spaces <= parent || (indent >= 0 && spaces < indent))) {
        break;
      }
      if (!blank && indent < 0) {
        indent = spaces;
      }
      lines.push({ start, end, spaces, blank });
      start = end + 1;
    }
    // A blank line with more spaces than the indentation holds spaces as content (or is an error, before
    // the first line): rare enough to leave to the other readers.
    if (lines.some((line) => line.blank && line.spaces > Math.max(indent, 0))) {
      decline('a blank line with spaces past the indentation');
    }
    this.advance(Math.min(start, text.length));
    return chomp(
      lines.map((line) => (line.blank ? '' : text.slice(line.start + indent, line.end))),
      strip,
    );
  }
}

/** Clip (`|`): one final line break, if there is any content; strip (`|-`): none. */
const chomp = (lines: readonly string[], strip: boolean): string => {
  let last = lines.length;
  while (last > 0 && lines[last - 1] === '') {
    last -= 1;
  }
  const body = lines.slice(0, last).join('\n');
  return strip || last === 0 ? body : `${body}\n`;
};

const isBlankOrEnd = (text: string, at: number, end: number): boolean => at >= end || text.charCodeAt(at) === SPACE;

/** Where the spans of the entries or items of a node at template depth `depth` go; undefined past SHALLOW_SPAN_DEPTH. */
const childrenAt = (depth: number): Span[] | undefined => (depth + 1 < SHALLOW_SPAN_DEPTH ? [] : undefined);

/** The end of the token (a tag) at `at`: the next space or line break. */
const tokenEnd = (text: string, at: number): number => {
  let end = at;
  while (end < text.length && text.charCodeAt(end) !== SPACE && text.charCodeAt(end) !== NEWLINE) {
    end += 1;
  }
  return end;
};

const FLOW_INDICATORS = charTable(',[]{}');

/**
 * Whether a plain scalar may start at `at` (before `end`): not at an indicator, and `-`, `?` or `:` only
 * before a character that can continue it (not a space, the line's end, or in a flow a flow indicator).
 */
const startsPlain = (text: string, at: number, end: number, flow: boolean): boolean => {
  const c = text.charCodeAt(at);
  if (at >= end || isIn(INDICATORS, c)) {
    return false;
  }
  if (c !== DASH && c !== QUESTION && c !== COLON) {
    return true;
  }
  return !isBlankOrEnd(text, at + 1, end) && !(flow && isIn(FLOW_INDICATORS, text.charCodeAt(at + 1)));
};

/** A one-line flow collection: `[a, !Ref b, "c"]`, `{Key: v, Other: [1, 2]}`. */
class FlowReader {
  at = 0;

  constructor(
    private readonly text: string,
    private readonly end: number,
    /** Counts a value `depth` levels below the collection, against the line reader's limits. */
    private readonly count: (depth: number) => void,
  ) {}

  node(from: number): Json {
    this.at = from;
    return this.value(0);
  }

  private skipSpaces(): void {
    while (this.at < this.end && this.text.charCodeAt(this.at) === SPACE) {
      this.at += 1;
    }
  }

  private value(depth: number): Json {
    if (depth > 0) {
      this.count(depth);
    }
    this.skipSpaces();
    const c = this.text.charCodeAt(this.at);
    if (c === OPEN_BRACKET) {
      return this.sequence(depth);
    }
    if (c === OPEN_BRACE) {
      return this.mapping(depth);
    }
    if (c === BANG) {
      return this.tagged(depth);
    }
    const scalar = this.scalar();
    return scalar.quoted ? scalar.text : typedPlain(scalar.text);
  }

  private tagged(depth: number): JsonObject {
    const start = this.at;
    while (this.at < this.end && this.text.charCodeAt(this.at) !== SPACE) {
      this.at += 1;
    }
    const key = shortFormKeyOf(this.text.slice(start, this.at));
    this.skipSpaces();
    const c = this.text.charCodeAt(this.at);
    // A node has one tag at most: a tag after a tag is declined (the exact reader refuses it).
    const inner = c === OPEN_BRACKET || c === OPEN_BRACE ? this.value(depth + 1) : c === BANG ? decline('two tags') : this.scalar().text;
    return { [key]: key === 'Fn::GetAtt' && typeof inner === 'string' ? splitGetAtt(inner) : inner };
  }

  private sequence(depth: number): Json[] {
    this.at += 1;
    const items: Json[] = [];
    this.skipSpaces();
    if (this.text.charCodeAt(this.at) === CLOSE_BRACKET) {
      this.at += 1;
      return items;
    }
    for (;;) {
      items.push(this.value(depth + 1));
      if (this.separator(CLOSE_BRACKET)) {
        return items;
      }
    }
  }

  private mapping(depth: number): JsonObject {
    this.at += 1;
    const entries: JsonObject = {};
    this.skipSpaces();
    if (this.text.charCodeAt(this.at) === CLOSE_BRACE) {
      this.at += 1;
      return entries;
    }
    for (;;) {
      this.skipSpaces();
      const key = this.scalar();
      const text = key.quoted || !isTypedKey(key.text) ? key.text : decline('a key YAML would type');
      if (this.text.charCodeAt(this.at) !== COLON || !isBlankOrEnd(this.text, this.at + 1, this.end)) {
        decline('a flow mapping entry without `: `');
      }
      if (Object.hasOwn(entries, text) || text === '__proto__' || text === '<<') {
        decline('a duplicate or reserved key');
      }
      this.at += 1;
      entries[text] = this.value(depth + 1);
      if (this.separator(CLOSE_BRACE)) {
        return entries;
      }
    }
  }

  /** After an entry: `,` then another (not the closing bracket: a trailing comma is declined), or the close. */
  private separator(close: number): boolean {
    this.skipSpaces();
    const c = this.text.charCodeAt(this.at);
    this.at += 1;
    if (c === close) {
      return true;
    }
    if (c !== COMMA) {
      decline('a flow collection that does not close on its line');
    }
    this.skipSpaces();
    const next = this.text.charCodeAt(this.at);
    return next === CLOSE_BRACKET || next === CLOSE_BRACE || next === COMMA ? decline('an empty flow entry') : false;
  }

  private scalar(): { readonly text: string; readonly quoted: boolean } {
    const text = this.text;
    const start = this.at;
    const c = text.charCodeAt(start);
    if (c === QUOTE || c === APOSTROPHE) {
      const close = closingQuote(text, start, this.end);
      if (close < 0) {
        decline('a quoted scalar that does not end on its line');
      }
      this.at = close + 1;
      return { text: quotedText(text, start, close), quoted: true };
    }
    if (!startsPlain(text, start, this.end, true)) {
      decline('a flow scalar YAML reads otherwise');
    }
    let at = start;
    for (; at < this.end; at += 1) {
      const ch = text.charCodeAt(at);
      if (ch === COMMA || ch === OPEN_BRACKET || ch === CLOSE_BRACKET || ch === OPEN_BRACE || ch === CLOSE_BRACE) {
        break;
      }
      if (ch === COLON && (isBlankOrEnd(text, at + 1, this.end) || ',[]{}'.includes(text.charAt(at + 1)))) {
        break;
      }
      if (ch === HASH && text.charCodeAt(at - 1) === SPACE) {
        decline('a comment inside a flow collection');
      }
    }
    this.at = at;
    return { text: text.slice(start, at).trimEnd(), quoted: false };
  }
}

/**
 * Characters the reader leaves to the others: tabs (YAML's other white space), CR, NEL and the Unicode line
 * separators (line breaks to some YAML readers), a byte order mark. Anchors, aliases, `!!` tags, directives
 * and complex keys start with indicators, which the reader declines where a node starts.
 */
const OUTSIDE = /[\t\r\u0085\u2028\u2029\uFEFF]/;

/**
 * The template and the spans of its shallow nodes (as the js-yaml fast path records them, for the same
 * locator), or undefined when another reader must read the text (see the module comment).
 */
export const loadYamlLines = (text: string, limits: LineReaderLimits): FastYamlRead | undefined => {
  if (OUTSIDE.test(text)) {
    return undefined;
  }
  const reader = new LineReader(text, limits);
  try {
    reader.advance(0, true);
    if (reader.indent !== 0) {
      return undefined;
    }
    const start = reader.content;
    const children: Span[] = [];
    const template = reader.mapping(0, 0, children);
    if (!reader.atEnd()) {
      return undefined;
    }
    const root: Span = { start, end: text.length, result: template, tag: null, kind: 'mapping', depth: 1, children };
    if (text.endsWith('\n')) {
      reader.reach(text.length);
    }
    return { template, spans: { text, offset: 0, root, depth: SHALLOW_SPAN_DEPTH }, lineStarts: reader.lineStarts };
  } catch (error) {
    if (error instanceof Declined) {
      return undefined;
    }
    throw error;
  }
};
