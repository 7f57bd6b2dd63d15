/**
 * What an ECS service's `TaskDefinition` value points at: a resource of the template (`Ref`/`GetAtt`), a task
 * definition outside it (a literal ARN or family:revision, or an `Fn::Sub`/`Fn::Join` that only needs the
 * pseudo parameters the caller knows), or something nobody can know before the deploy (`Fn::ImportValue`, a
 * parameter). One answer per `Fn::If` branch. The hook looks the external ones up; the others are reported
 * unchecked (FL0003), never taken as fine.
 */
import { getAttTarget, isObject, type Json, possibleValues, refTarget } from './intrinsics';

/** The deploy context a hook request carries (stack ARN, account); undefined fields are unknown. */
export interface PseudoParameters {
  readonly region?: string;
  readonly accountId?: string;
  readonly partition?: string;
}

export type TaskDefinitionReference =
  | { readonly kind: 'template'; readonly logicalId: string }
  | { readonly kind: 'external'; readonly reference: string }
  | { readonly kind: 'unresolved'; readonly reason: string };

type Resolved = { readonly text: string } | { readonly reason: string };

const PSEUDO_NAMES: Readonly<Record<string, keyof PseudoParameters>> = {
  'AWS::Region': 'region',
  'AWS::AccountId': 'accountId',
  'AWS::Partition': 'partition',
};

/** One reference per branch of the value (`Fn::If` branches flattened, `AWS::NoValue` dropped). */
export const taskDefinitionReferences = (
  value: unknown,
  resources: Readonly<Record<string, unknown>>,
  pseudo: PseudoParameters = {},
): TaskDefinitionReference[] => possibleValues(value).map((branch) => referenceOf(branch, resources, pseudo));

const referenceOf = (value: unknown, resources: Readonly<Record<string, unknown>>, pseudo: PseudoParameters): TaskDefinitionReference => {
  const id = refTarget(value) ?? getAttTarget(value)?.[0];
  if (id !== undefined && Object.hasOwn(resources, id)) {
    return { kind: 'template', logicalId: id };
  }
  const resolved = resolveText(value, resources, pseudo);
  if ('reason' in resolved) {
    return { kind: 'unresolved', reason: resolved.reason };
  }
  return resolved.text.trim() === ''
    ? { kind: 'unresolved', reason: 'an empty string' }
    : { kind: 'external', reference: resolved.text.trim() };
};

/** A string value made of literals and known pseudo parameters, or why it cannot be known. */
const resolveText = (value: unknown, resources: Readonly<Record<string, unknown>>, pseudo: PseudoParameters): Resolved => {
  if (typeof value === 'string') {
    return { text: value };
  }
  const ref = refTarget(value);
  if (ref !== undefined) {
    return resolveName(ref, resources, pseudo);
  }
  if (isObject(value) && Object.keys(value).length === 1) {
    if ('Fn::Sub' in value) {
      return resolveSub(value['Fn::Sub'], resources, pseudo);
    }
    if ('Fn::Join' in value) {
      return resolveJoin(value['Fn::Join'], resources, pseudo);
    }
    if ('Fn::ImportValue' in value) {
      return { reason: "Fn::ImportValue (another stack's export, known only at deploy time)" };
    }
    return { reason: `${Object.keys(value)[0] ?? 'an intrinsic'} (not resolvable before the deploy)` };
  }
  return { reason: `a ${Array.isArray(value) ? 'list' : typeof value}, not a task definition ARN` };
};

const resolveName = (name: string, resources: Readonly<Record<string, unknown>>, pseudo: PseudoParameters): Resolved => {
  const field = PSEUDO_NAMES[name];
  if (field !== undefined) {
    const known = pseudo[field];
    return known === undefined ? { reason: `${name}, which is not known here` } : { text: known };
  }
  if (Object.hasOwn(resources, name)) {
    return { reason: `a value built from resource ${name}` };
  }
  return { reason: `Ref to parameter ${name} (its value is known only at deploy time)` };
};

/** `${Name}` and `${Name.Attr}`; `${!Literal}` is the text `${Literal}`. */
const SUB_VARIABLE = /\$\{(!?)([^}]*)\}/g;

const resolveSub = (argument: Json | undefined, resources: Readonly<Record<string, unknown>>, pseudo: PseudoParameters): Resolved => {
  const [template, variables] = Array.isArray(argument) ? [argument[0], argument[1]] : [argument, undefined];
  if (typeof template !== 'string') {
    return { reason: 'Fn::Sub whose string is not a literal' };
  }
  const given = isObject(variables) ? variables : {};
  let problem: string | undefined;
  const text = template.replace(SUB_VARIABLE, (whole: string, bang: string, name: string) => {
    if (bang === '!') {
      return `\${${name}}`;
    }
    const resolved = Object.hasOwn(given, name) ? resolveText(given[name], resources, pseudo) : resolveName(name, resources, pseudo);
    if ('reason' in resolved) {
      problem ??= `Fn::Sub with \${${name}}: ${resolved.reason}`;
      return whole;
    }
    return resolved.text;
  });
  return problem === undefined ? { text } : { reason: problem };
};

const resolveJoin = (argument: Json | undefined, resources: Readonly<Record<string, unknown>>, pseudo: PseudoParameters): Resolved => {
  if (!Array.isArray(argument) || typeof argument[0] !== 'string' || !Array.isArray(argument[1])) {
    return { reason: 'Fn::Join whose delimiter or list is not literal' };
  }
  const parts: string[] = [];
  for (const item of argument[1]) {
    const resolved = resolveText(item, resources, pseudo);
    if ('reason' in resolved) {
      return { reason: `Fn::Join with ${resolved.reason}` };
    }
    parts.push(resolved.text);
  }
  return { text: parts.join(argument[0]) };
};
