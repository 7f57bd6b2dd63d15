import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
} from 'yaml';

import { TemplateParseError } from '../errors';
import { type Json, type JsonObject, isObject } from './intrinsics';
import { type Locator, type SourceRange, type TemplatePath, pathKey, tableLocator } from './locator';

/** A template as CloudFormation sees it (short-form tags turned into their JSON form) and where each value came from. */
export interface LoadedTemplate {
  readonly template: JsonObject;
  readonly locator: Locator;
}

/** The YAML short forms CloudFormation accepts, and the JSON key each becomes. */
const SHORT_FORM_TAGS: Readonly<Record<string, string>> = {
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

/** Alias expansion is the one way a small YAML file becomes a huge value ("billion laughs"): cap it. */
const MAX_NODES = 400_000;
const MAX_DEPTH = 200;

interface Walk {
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly positions: Map<string, SourceRange>;
  nodes: number;
}

/**
 * Parses a CloudFormation template written in YAML or JSON. JSON is parsed by the same YAML 1.2
 * parser (JSON is a subset), so both keep source positions. Duplicate keys and unknown `!Tags` are
 * errors, as they are for CloudFormation.
 */
export const loadTemplate = (text: string): LoadedTemplate => {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    throw new TemplateParseError(firstLine(first.message), positionOf(lines, first.pos[0]));
  }
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED' && !isKnownTag(w.message));
  if (unknownTag) {
    throw new TemplateParseError(firstLine(unknownTag.message), positionOf(lines, unknownTag.pos[0]));
  }
  const walk: Walk = { doc, lines, positions: new Map(), nodes: 0 };
  const template = toJson(walk, doc.contents, [], 0);
  if (!isObject(template)) {
    throw new TemplateParseError('a template must be a mapping (an object) at the top level', { line: 1, column: 1 });
  }
  return { template, locator: tableLocator(walk.positions) };
};

const firstLine = (message: string): string => message.split('\n')[0] ?? message;

const isKnownTag = (warning: string): boolean => {
  const tag = /Unresolved tag: (!\S+)/.exec(warning)?.[1];
  return tag !== undefined && Object.hasOwn(SHORT_FORM_TAGS, tag);
};

const positionOf = (lines: LineCounter, offset: number): { line: number; column: number } => {
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
};

const record = (walk: Walk, node: YamlNode, path: TemplatePath): void => {
  const range = node.range;
  if (!range) {
    return;
  }
  const start = walk.lines.linePos(range[0]);
  const end = walk.lines.linePos(range[1]);
  walk.positions.set(pathKey(path), { line: start.line, column: start.col, endLine: end.line, endColumn: end.col });
};

const toJson = (walk: Walk, node: unknown, path: TemplatePath, depth: number): Json => {
  walk.nodes += 1;
  if (walk.nodes > MAX_NODES || depth > MAX_DEPTH) {
    throw new TemplateParseError(
      depth > MAX_DEPTH
        ? `the template nests deeper than ${String(MAX_DEPTH)} levels`
        : `the template expands to more than ${String(MAX_NODES)} values (YAML aliases?)`,
    );
  }
  if (node === null || node === undefined) {
    return null;
  }
  if (isAlias(node)) {
    return toJson(walk, node.resolve(walk.doc), path, depth + 1);
  }
  const yamlNode = node as YamlNode;
  const tag = yamlNode.tag;
  if (tag !== undefined && Object.hasOwn(SHORT_FORM_TAGS, tag)) {
    record(walk, yamlNode, path);
    const key = SHORT_FORM_TAGS[tag] ?? tag;
    const inner = untagged(walk, yamlNode, [...path, key], depth + 1);
    return { [key]: key === 'Fn::GetAtt' && typeof inner === 'string' ? splitGetAtt(inner) : inner };
  }
  record(walk, yamlNode, path);
  return untagged(walk, yamlNode, path, depth);
};

/** `!GetAtt Res.Attr.Sub` → ["Res", "Attr.Sub"], as CloudFormation's own YAML reader does. */
const splitGetAtt = (value: string): Json => {
  const dot = value.indexOf('.');
  return dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : value;
};

const untagged = (walk: Walk, node: YamlNode, path: TemplatePath, depth: number): Json => {
  if (isMap(node)) {
    const out: JsonObject = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const childPath = [...path, key];
      out[key] = toJson(walk, pair.value, childPath, depth + 1);
      // Findings point at the key ("Memory:"), as cfn-lint's do, not at the value after it.
      if (isScalar(pair.key)) {
        record(walk, pair.key, childPath);
      }
    }
    return out;
  }
  if (isSeq(node)) {
    return node.items.map((item, index) => toJson(walk, item, [...path, index], depth + 1));
  }
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || typeof value === 'string' || typeof value === 'boolean') {
      return value;
    }
    if (typeof value === 'number') {
      return value;
    }
    if (typeof value === 'bigint') {
      return node.source ?? String(value);
    }
    return String(value);
  }
  return null;
};
