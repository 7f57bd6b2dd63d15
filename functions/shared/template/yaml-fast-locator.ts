/**
 * Source positions for a template the YAML fast path read, without the `yaml` library's document: js-yaml
 * reads the text once more and reports where each node opens and closes; a path is walked down those
 * nodes. Where the node shapes are not the plain ones this walk knows (a flow mapping entry without a value,
 * a count that does not match), it answers undefined and the exact reader places the finding instead.
 */
import { load } from 'js-yaml';

import { isObject } from './intrinsics';
import { linePosition, lineStarts, seqIndex, type SourceRange, type TemplatePath } from './locator';
import { SHORT_FORM_TAGS } from './yaml-locator';

interface Span {
  readonly start: number;
  end: number;
  result: unknown;
  tag: string | null;
  /** The node as written: `scalar`, `sequence` or `mapping` (a tagged `!GetAtt a.b` is a scalar). */
  kind: string | null;
  readonly children: Span[];
}

interface ListenerState {
  readonly position: number;
  readonly result: unknown;
  readonly tag: string | null;
  readonly kind: string | null;
}

/** Every node js-yaml composed, nested as it composed them; the outermost is the document's. */
const readSpans = (text: string, schema: unknown): Span | undefined => {
  const stack: Span[] = [];
  let root: Span | undefined;
  const listener = (event: string, state: ListenerState): void => {
    if (event === 'open') {
      stack.push({ start: state.position, end: state.position, result: undefined, tag: null, kind: null, children: [] });
      return;
    }
    const span = stack.pop();
    if (span === undefined) {
      return;
    }
    span.end = state.position;
    span.result = state.result;
    span.tag = state.tag;
    span.kind = state.kind;
    const parent = stack[stack.length - 1];
    if (parent === undefined) {
      root = span;
    } else {
      parent.children.push(span);
    }
  };
  const options: unknown = { schema, listener };
  try {
    load(text, options as Parameters<typeof load>[1]);
  } catch {
    // Only a text the fast path read gets here, so this does not happen; if it did, the exact reader answers.
    return undefined;
  }
  return root;
};

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

type Step = { readonly span: Span; readonly inTag: boolean; readonly range: readonly [number, number] } | undefined;

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

const next = (text: string, step: NonNullable<Step>, segment: string | number): Step | null => {
  const span = unwrap(step.span);
  const tagKey = !step.inTag && span.tag !== null ? SHORT_FORM_TAGS[span.tag] : undefined;
  if (tagKey !== undefined) {
    return segment === tagKey ? { span, inTag: true, range: step.range } : undefined;
  }
  const value = step.inTag && isObject(span.result) ? Object.values(span.result)[0] : span.result;
  if (Array.isArray(value)) {
    const items = span.children;
    const item = items.length === value.length ? items[seqIndex(segment)] : undefined;
    return item === undefined ? null : { span: item, inTag: false, range: rangeOf(text, unwrap(item)) };
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
        return { span: child, inTag: false, range: rangeOf(text, key) };
      }
    }
  }
  return undefined;
};

/**
 * The range a finding at `path` names (a mapping entry: its key), or undefined when this walk cannot say
 * (the caller asks the exact reader then). Built on the first call.
 */
export const fastYamlLocator = (text: string, schema: unknown): ((path: TemplatePath) => SourceRange | undefined) => {
  let built: { root: Span; starts: number[] } | undefined;
  return (path) => {
    if (built === undefined) {
      const root = readSpans(text, schema);
      if (root === undefined) {
        return undefined;
      }
      built = { root, starts: lineStarts(text) };
    }
    let step: NonNullable<Step> = { span: built.root, inTag: false, range: rangeOf(text, unwrap(built.root)) };
    for (const segment of path) {
      const deeper = next(text, step, segment);
      if (deeper === null) {
        return undefined;
      }
      if (deeper === undefined) {
        break;
      }
      step = deeper;
    }
    const start = linePosition(built.starts, step.range[0]);
    const end = linePosition(built.starts, step.range[1]);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  };
};
