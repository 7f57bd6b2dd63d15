/**
 * The texts a string-valued template property may take at deploy time, for rules that must reason about
 * a value built with intrinsics (`!Sub '${Repo}:latest'`, `!Join`, `!If`, `!Ref Parameter`) instead of
 * skipping it. Nothing is evaluated for real: a part that cannot be known (a resource attribute, an
 * import, a parameter without AllowedValues or Default) becomes {@link UNKNOWN_PART}, so a rule can tell
 * "known to be wrong" from "cannot be checked".
 */
import { isObject, type Json, literalString, possibleValues, refTarget } from '../template/intrinsics';
import type { ParameterView } from '../template/view';

/** Stands for a part of the text known only at deploy time; never part of a real template string. */
export const UNKNOWN_PART = '\u0000';

/** More combinations than this (parameters × branches) and the rest is treated as unknown. */
const MAX_CANDIDATES = 64;

type Parameters = ReadonlyMap<string, ParameterView>;

/** The values a Ref to a parameter may take: its AllowedValues, else its Default, else unknown. */
const parameterTexts = (id: string, parameters: Parameters): string[] => {
  const parameter = parameters.get(id);
  if (parameter === undefined) {
    return [UNKNOWN_PART];
  }
  const values = parameter.allowedValues ?? (parameter.default === undefined ? [] : [parameter.default]);
  const texts = values.map((v) => (typeof v === 'number' ? String(v) : literalString(v)));
  return texts.length === 0 || texts.some((t) => t === undefined) ? [UNKNOWN_PART] : (texts as string[]);
};

/** Every concatenation of one text per part, capped; past the cap, the remaining combinations are unknown. */
const combine = (parts: readonly (readonly string[])[]): string[] => {
  let results = [''];
  for (const options of parts) {
    const next: string[] = [];
    for (const prefix of results) {
      for (const option of options) {
        next.push(prefix + option);
      }
    }
    results = next.length > MAX_CANDIDATES ? [...next.slice(0, MAX_CANDIDATES), UNKNOWN_PART] : next;
  }
  return results;
};

const SUB_VARIABLE = /\$\{(!?)([^}]*)\}/g;

/** `Fn::Sub` body and variables: `${Param}` from the map, then from Parameters; `${!x}` is the literal `${x}`. */
const subTexts = (arg: unknown, parameters: Parameters): string[] => {
  const list: readonly unknown[] | undefined = Array.isArray(arg) ? arg : undefined;
  const body: unknown = list === undefined ? arg : list[0];
  const variables: unknown = list?.[1];
  if (typeof body !== 'string') {
    return [UNKNOWN_PART];
  }
  const map = isObject(variables) ? variables : {};
  const parts: string[][] = [];
  let last = 0;
  for (const match of body.matchAll(SUB_VARIABLE)) {
    parts.push([body.slice(last, match.index)]);
    const [whole, bang, name = ''] = match;
    if (bang === '!') {
      parts.push([`\${${name}}`]);
    } else if (Object.hasOwn(map, name)) {
      parts.push(candidateTexts(map[name], parameters));
    } else {
      parts.push(name.includes('.') || name.startsWith('AWS::') ? [UNKNOWN_PART] : parameterTexts(name, parameters));
    }
    last = match.index + whole.length;
  }
  parts.push([body.slice(last)]);
  return combine(parts);
};

const joinTexts = (arg: unknown, parameters: Parameters): string[] => {
  if (!Array.isArray(arg) || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) {
    return [UNKNOWN_PART];
  }
  const delimiter = arg[0];
  const items = arg[1] as Json[];
  const parts = items.flatMap((item, i) =>
    i === 0 ? [candidateTexts(item, parameters)] : [[delimiter], candidateTexts(item, parameters)],
  );
  return combine(parts);
};

/**
 * Every text `value` may be at deploy time, each `Fn::If` branch counted; unknown parts are
 * {@link UNKNOWN_PART}. Empty when the value is absent (or only `AWS::NoValue`).
 */
export const candidateTexts = (value: unknown, parameters: Parameters): string[] =>
  possibleValues(value).flatMap((branch): string[] => {
    if (typeof branch === 'string') {
      return [branch];
    }
    if (typeof branch === 'number') {
      return [String(branch)];
    }
    const ref = refTarget(branch);
    if (ref !== undefined) {
      return ref.startsWith('AWS::') ? [UNKNOWN_PART] : parameterTexts(ref, parameters);
    }
    if (isObject(branch) && Object.hasOwn(branch, 'Fn::Sub')) {
      return subTexts(branch['Fn::Sub'], parameters);
    }
    if (isObject(branch) && Object.hasOwn(branch, 'Fn::Join')) {
      return joinTexts(branch['Fn::Join'], parameters);
    }
    return branch === undefined || branch === null ? [] : [UNKNOWN_PART];
  });

/** A candidate as a message shows it: each unknown part as `${…}`. */
export const shownCandidate = (text: string): string =>
  text === UNKNOWN_PART ? 'a value known only at deploy' : text.replaceAll(UNKNOWN_PART, '${…}');

/** `${Name}` variables of an Fn::Sub body that CloudFormation fills in from Parameters (not `${!x}`, not `${Res.Attr}`). */
const subNames = (arg: unknown): string[] => {
  const list: readonly unknown[] | undefined = Array.isArray(arg) ? arg : undefined;
  const body: unknown = list === undefined ? arg : list[0];
  const variables: unknown = list?.[1];
  const mapped = isObject(variables) ? variables : {};
  const names = typeof body === 'string' ? [...body.matchAll(SUB_VARIABLE)].filter((m) => m[1] !== '!').map((m) => m[2] ?? '') : [];
  return [...names.filter((name) => !Object.hasOwn(mapped, name)), ...referencedNames(Object.values(mapped))];
};

/** Every logical id or parameter a value refers to, at any depth: `Ref`s and the variables of `Fn::Sub` bodies. */
export const referencedNames = (value: unknown): string[] => {
  if (Array.isArray(value)) {
    return value.flatMap(referencedNames);
  }
  if (!isObject(value)) {
    return [];
  }
  const ref = refTarget(value);
  if (ref !== undefined) {
    return [ref];
  }
  return Object.entries(value).flatMap(([key, inner]) => (key === 'Fn::Sub' ? subNames(inner) : referencedNames(inner)));
};
