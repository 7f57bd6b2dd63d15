/**
 * Source positions of a YAML (or JSON-as-YAML) template, resolved on demand: the loader keeps the parsed
 * document and a finding's path is walked down it when the finding is placed. Nothing is recorded per value
 * while loading, and no key is built from a whole path, so the cost never depends on how long or how
 * alike the template's keys are (V8 hashes strings over 16,383 characters by their length alone).
 */
import { type Alias, type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Pair, visit, type YAMLMap } from 'yaml';

import { type Locator, seqIndex, type SourceRange, type TemplatePath } from './locator';

/** The YAML short forms CloudFormation accepts, and the JSON key each becomes. */
export const SHORT_FORM_TAGS: Readonly<Record<string, string>> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!FindInMap': 'Fn::FindInMap',
  '!ForEach': 'Fn::ForEach',
  '!GetAtt': 'Fn::GetAtt',
  '!GetAZs': 'Fn::GetAZs',
  '!ImportValue': 'Fn::ImportValue',
  '!Join': 'Fn::Join',
  '!Length': 'Fn::Length',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!Sub': 'Fn::Sub',
  '!ToJsonString': 'Fn::ToJsonString',
  '!Transform': 'Fn::Transform',
  '!If': 'Fn::If',
  '!And': 'Fn::And',
  '!Equals': 'Fn::Equals',
  '!Not': 'Fn::Not',
  '!Or': 'Fn::Or',
};

/** The JSON key a short-form tag becomes (`!Sub` → `Fn::Sub`), or undefined for any other tag. */
export const shortFormKey = (tag: string | undefined): string | undefined =>
  tag !== undefined && Object.hasOwn(SHORT_FORM_TAGS, tag) ? SHORT_FORM_TAGS[tag] : undefined;

/** A scalar key as written: `1.0:` stays "1.0" (not "1"), `true:` stays "true". */
export const scalarKeyText = (key: { readonly value: unknown; readonly source?: string }): string =>
  typeof key.value === 'string' ? key.value : (key.source ?? String(key.value));

/**
 * Resolves aliases to the last anchor of their name before them, as YAML defines it. The YAML library's own
 * `Alias.resolve` walks the whole document for every alias (quadratic: 3,900 aliases took 6 s); this walks it
 * once, on the first alias, in the same order.
 */
export const aliasResolver = (doc: Document): ((alias: Alias) => unknown) => {
  let targets: WeakMap<Alias, unknown> | undefined;
  const index = (): WeakMap<Alias, unknown> => {
    const found = new WeakMap<Alias, unknown>();
    const anchors = new Map<string, unknown>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) {
          found.set(node, anchors.get(node.source));
        } else if (node.anchor !== undefined) {
          anchors.set(node.anchor, node);
        }
      },
    });
    return found;
  };
  return (alias) => {
    targets ??= index();
    return targets.get(alias);
  };
};

interface Step {
  readonly node: unknown;
  /** The short-form tag's key was walked through already: the node now stands for its untagged value. */
  readonly inTag: boolean;
  readonly range: readonly number[] | undefined;
}

const rangeOf = (node: unknown): readonly number[] | undefined => (node as { range?: readonly number[] } | null | undefined)?.range;

/** A path walked down the document: the range of what a finding at `path` names (a mapping entry: its key). */
export const yamlLocator = (doc: Document, lines: LineCounter, resolve: (alias: Alias) => unknown): Locator => {
  const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, key: string): Pair | undefined => {
    let index = keyIndexes.get(map);
    if (index === undefined) {
      index = new Map();
      for (const pair of map.items) {
        if (isScalar(pair.key)) {
          index.set(scalarKeyText(pair.key), pair);
        }
      }
      keyIndexes.set(map, index);
    }
    return index.get(key);
  };
  const next = (step: Step, segment: string | number): Step | undefined => {
    const node = isAlias(step.node) ? resolve(step.node) : step.node;
    const tagKey = step.inTag ? undefined : shortFormKey((node as { tag?: string } | null | undefined)?.tag);
    if (tagKey !== undefined) {
      return segment === tagKey ? { node, inTag: true, range: step.range } : undefined;
    }
    if (isMap(node)) {
      const pair = pairOf(node, String(segment));
      return pair === undefined ? undefined : { node: pair.value, inTag: false, range: rangeOf(pair.key) };
    }
    if (isSeq(node)) {
      const item: unknown = node.items[seqIndex(segment)];
      return item === undefined ? undefined : { node: item, inTag: false, range: rangeOf(isAlias(item) ? resolve(item) : item) };
    }
    return undefined;
  };
  return (path: TemplatePath): SourceRange | undefined => {
    let step: Step = { node: doc.contents, inTag: false, range: rangeOf(doc.contents) };
    for (const segment of path) {
      const deeper = next(step, segment);
      if (deeper === undefined) {
        break;
      }
      // A step without a range of its own (an empty value) keeps its parent's: the nearest known place.
      step = deeper.range === undefined ? { ...deeper, range: step.range } : deeper;
    }
    return step.range === undefined ? undefined : sourceRange(lines, step.range);
  };
};

const sourceRange = (lines: LineCounter, range: readonly number[]): SourceRange => {
  const start = lines.linePos(range[0] ?? 0);
  const end = lines.linePos(range[1] ?? range[0] ?? 0);
  return { line: start.line, column: start.col, endLine: end.line, endColumn: end.col };
};
