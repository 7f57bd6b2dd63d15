/**
 * CloudFormation intrinsic functions. They are never evaluated here: a value that is an intrinsic is
 * "unknown until deploy" and is passed through untouched. Where we must reason about one (an ARN
 * built with Fn::Sub, a Ref to a resource in the same template), small helpers below look inside.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const INTRINSIC_KEYS = new Set([
  'Ref',
  'Condition',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::FindInMap',
  'Fn::ForEach',
  'Fn::GetAtt',
  'Fn::GetAZs',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Length',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::ToJsonString',
  'Fn::Transform',
  'Fn::If',
  'Fn::And',
  'Fn::Equals',
  'Fn::Not',
  'Fn::Or',
]);

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** True for `{ "Ref": … }`, `{ "Fn::Sub": … }` and any other single-key `Fn::` object. */
export const isIntrinsic = (value: unknown): value is JsonObject => {
  if (!isObject(value)) {
    return false;
  }
  const keys = Object.keys(value);
  return keys.length === 1 && (INTRINSIC_KEYS.has(keys[0] ?? '') || (keys[0] ?? '').startsWith('Fn::'));
};

export const intrinsicName = (value: unknown): string | undefined => (isIntrinsic(value) ? Object.keys(value)[0] : undefined);

/** `{ "Ref": "Name" }` → "Name"; anything else → undefined. */
export const refTarget = (value: unknown): string | undefined => {
  if (isObject(value) && Object.keys(value).length === 1 && typeof value['Ref'] === 'string') {
    return value['Ref'];
  }
  return undefined;
};

/** `{ "Ref": "AWS::NoValue" }`: the property is absent. */
export const isNoValue = (value: unknown): boolean => refTarget(value) === 'AWS::NoValue';

/** `{ "Fn::If": [name, a, b] }` → its parts, when it is well formed. */
export const ifParts = (value: unknown): { condition: string; branches: [Json, Json] } | undefined => {
  if (!isObject(value) || Object.keys(value).length !== 1) {
    return undefined;
  }
  const args = value['Fn::If'];
  if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') {
    return undefined;
  }
  return { condition: args[0], branches: [args[1] as Json, args[2] as Json] };
};

/** `{ "Fn::GetAtt": ["Res", "Arn"] }` or `"Res.Arn"` → ["Res", "Arn"]. */
export const getAttTarget = (value: unknown): [string, string] | undefined => {
  if (!isObject(value) || Object.keys(value).length !== 1) {
    return undefined;
  }
  const arg = value['Fn::GetAtt'];
  if (typeof arg === 'string') {
    const dot = arg.indexOf('.');
    return dot > 0 ? [arg.slice(0, dot), arg.slice(dot + 1)] : undefined;
  }
  if (Array.isArray(arg) && typeof arg[0] === 'string' && typeof arg[1] === 'string') {
    return [arg[0], arg[1]];
  }
  return undefined;
};

/** The logical id a Ref / GetAtt points at, if it is a resource of this template. */
export const referencedResource = (value: unknown, resources: Readonly<Record<string, unknown>>): string | undefined => {
  const id = refTarget(value) ?? getAttTarget(value)?.[0];
  return id !== undefined && Object.hasOwn(resources, id) ? id : undefined;
};

/** A literal string, or undefined when the value is an intrinsic (or not a string at all). */
export const literalString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Reads an integer from a template value: numbers and numeric strings ("512") are both common in
 * CloudFormation (hooks even receive every number as a string). Intrinsics give undefined.
 */
export const literalInteger = (value: unknown): number | undefined => {
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value;
  }
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) {
    return Number.parseInt(value, 10);
  }
  return undefined;
};

/** Booleans may arrive as `true` or `"true"` (hook payloads stringify them). */
export const literalBoolean = (value: unknown): boolean | undefined => {
  if (typeof value === 'boolean') {
    return value;
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  return undefined;
};

/**
 * The alternatives an `Fn::If` may produce, or the value itself. Rules use it to reason about every
 * branch: `{ "Fn::If": [C, a, b] }` → [a, b]; nested Ifs are flattened. `AWS::NoValue` branches drop out.
 */
export const possibleValues = (value: unknown): unknown[] => {
  if (isObject(value) && Object.keys(value).length === 1 && Array.isArray(value['Fn::If'])) {
    const args = value['Fn::If'];
    return [...possibleValues(args[1]), ...possibleValues(args[2])];
  }
  if (isNoValue(value)) {
    return [];
  }
  return [value];
};
