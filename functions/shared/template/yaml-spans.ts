/**
 * Where js-yaml composed each node, recorded from its `listener` option while it reads: the offsets where a
 * node opens and closes and the value it composed, nested as js-yaml nested them. The fast path records the
 * shallow nodes as it reads the template (load-yaml-fast.ts); the locator reads a subtree again, completely,
 * when a finding lies deeper (yaml-fast-locator.ts).
 */

export interface Span {
  readonly start: number;
  end: number;
  result: unknown;
  tag: string | null;
  /** The node as written: `scalar`, `sequence` or `mapping` (a tagged `!GetAtt a.b` is a scalar). */
  kind: string | null;
  /** js-yaml's nesting count: the document's node is 1, and a node it composed as part of another is one deeper. */
  readonly depth: number;
  readonly children: Span[];
  /** Its children were not recorded, though it is not that deep (the line reader's flow collections and short forms). */
  readonly unread?: boolean;
}

/** Spans read from `text` (offsets count from its start, which is `offset` in the template's text). */
export interface SpanTree {
  readonly text: string;
  readonly offset: number;
  readonly root: Span;
  /** The depth down to which nodes were recorded: below a node this deep, its children were not. */
  readonly depth: number;
}

/** What js-yaml's listener sees of its state (the fields are not in @types/js-yaml). */
export interface ComposeState {
  readonly position: number;
  readonly depth: number;
  readonly result: unknown;
  readonly tag: string | null;
  readonly kind: string | null;
  readonly anchor: string | null;
}

export interface SpanRecorder {
  readonly open: (state: ComposeState) => void;
  readonly close: (state: ComposeState) => void;
  /** The document's node, once js-yaml has closed it. */
  readonly root: () => Span | undefined;
}

/** Records the nodes it is told of, nested as js-yaml opened and closed them (a caller may skip deeper ones). */
export const spanRecorder = (): SpanRecorder => {
  const stack: Span[] = [];
  let root: Span | undefined;
  return {
    open: (state) => {
      stack.push({
        start: state.position,
        end: state.position,
        result: undefined,
        tag: null,
        kind: null,
        depth: state.depth,
        children: [],
      });
    },
    close: (state) => {
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
    },
    root: () => root,
  };
};

/** js-yaml drops a byte order mark before it reads, so its offsets count from the character after it. */
export const byteOrderMarkLength = (text: string): number => (text.charCodeAt(0) === 0xfeff ? 1 : 0);
