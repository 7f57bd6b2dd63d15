/**
 * Does a role of the template allow what a FireLens task needs (actions on resources)? Three answers:
 * granted, missing (known not to be allowed), unknown (managed policies, conditions, ARNs that depend on
 * deploy-time values). Only IAM resource matching is modelled: `*`/`?` wildcards in the role's resource,
 * compared field by field (`arn:partition:service:region:account:resource`); intrinsics are read as
 * their Fn::Sub text (`${Stream.Arn}`, `${AWS::AccountId}`), never evaluated. A literal partition in the
 * role (`arn:aws:…`) is taken to be the stack's partition; a literal region or account is not.
 */
import type { PolicyStatement } from '../fluentbit/iam';
import { getAttTarget, isObject, type Json, literalString, refTarget } from '../template/intrinsics';
import type { PolicyStatementView, RoleView } from '../template/view';
import { actionMatches, globMatches } from './glob';

export type Coverage = 'granted' | 'missing' | 'unknown';

/** One action on one resource a task needs. */
export interface Need {
  readonly action: string;
  readonly resource: Json;
}

export interface RoleVerdict {
  /** Known not to be allowed; `actionAbsent` when no statement allows the action on any resource. */
  readonly missing: readonly (Need & { readonly actionAbsent: boolean })[];
  readonly unknown: readonly Need[];
}

/** Stands for a part that is neither literal nor a Ref/GetAtt; tokens take the private-use characters below it. */
const UNKNOWN = '\uf8ff';

/** `${…}` text of an ARN value; UNKNOWN marks parts that are neither literal nor a Ref/GetAtt. */
const arnText = (value: Json): string => {
  if (typeof value === 'string') {
    return value;
  }
  const ref = refTarget(value);
  if (ref !== undefined) {
    return `\${${ref}}`;
  }
  const att = getAttTarget(value);
  if (att !== undefined) {
    return `\${${att[0]}.${att[1]}}`;
  }
  const sub = isObject(value) ? value['Fn::Sub'] : undefined;
  if (typeof sub === 'string') {
    return sub;
  }
  if (Array.isArray(sub) && typeof sub[0] === 'string') {
    const variables = isObject(sub[1]) ? sub[1] : {};
    return sub[0].replace(/\$\{([^}!]+)\}/g, (whole, name: string) =>
      Object.hasOwn(variables, name) ? arnText(variables[name] ?? null) : whole,
    );
  }
  return UNKNOWN;
};

const TOKEN = /\$\{[^}]+\}/g;

/** Replaces each `${…}` token by one private-use character, the same for the same token in both texts. */
const tokenize = (text: string, table: Map<string, string>): string =>
  text.replace(TOKEN, (token) => {
    let mark = table.get(token);
    if (mark === undefined) {
      mark = String.fromCharCode(0xe000 + table.size);
      table.set(token, mark);
    }
    return mark;
  });

/** An unknown part or a `${…}` token (see tokenize). */
const MARK = /[\ue000-\uf8ff]/u;

/** The literal start of a field, up to its first wildcard or token. */
const literalStart = (field: string): string => {
  const end = field.search(/[*?\ue000-\uf8ff]/u);
  return end < 0 ? field : field.slice(0, end);
};

const compareField = (roleField: string, needField: string, partitionMark: string | undefined, index: number): Coverage => {
  if (globMatches(roleField, needField)) {
    return 'granted';
  }
  if (index === 1 && needField === partitionMark && /^aws(-[a-z-]+)?$/.test(roleField)) {
    return 'granted';
  }
  const open = MARK.test(roleField) || MARK.test(needField) || /[*?]/.test(needField);
  if (!open) {
    return 'missing';
  }
  const [a, b] = [literalStart(roleField), literalStart(needField)];
  return a.startsWith(b) || b.startsWith(a) ? 'unknown' : 'missing';
};

const fieldsOf = (arn: string): string[] | undefined => {
  const parts = arn.split(':');
  return parts.length < 6 || parts[0] !== 'arn' ? undefined : [...parts.slice(0, 5), parts.slice(5).join(':')];
};

/** Whether a role statement's resource covers everything a needed resource names. */
export const resourceCovers = (roleResource: Json, needed: Json): Coverage => {
  const table = new Map<string, string>();
  const role = tokenize(arnText(roleResource), table);
  const need = tokenize(arnText(needed), table);
  if (role === '*' || (!role.includes(UNKNOWN) && globMatches(role, need))) {
    return 'granted';
  }
  if (role.includes(UNKNOWN) || need.includes(UNKNOWN)) {
    return 'unknown';
  }
  const roleFields = fieldsOf(role);
  const needFields = fieldsOf(need);
  if (roleFields === undefined || needFields === undefined) {
    // Two different whole `${X.Arn}` tokens are two different resources of this template.
    const bothAttributes = [...table.keys()].filter((t) => t.endsWith('.Arn}')).length === 2 && role.length === 1 && need.length === 1;
    return bothAttributes || (!MARK.test(role) && !MARK.test(need) && !/[*?]/.test(need)) ? 'missing' : 'unknown';
  }
  const results = roleFields.map((field, i) => compareField(field, needFields[i] ?? '', table.get('${AWS::Partition}'), i));
  return results.includes('missing') ? 'missing' : results.includes('unknown') ? 'unknown' : 'granted';
};

const isAllow = (s: PolicyStatementView): boolean => (s.effect ?? 'Allow').toLowerCase() === 'allow';

/** True when an Allow statement grants `action` (wildcards honoured, case-insensitive), whatever its resources. */
export const allowsAction = (statements: readonly PolicyStatementView[], action: string): boolean =>
  statements.some((s) => isAllow(s) && s.actions.some((a) => actionMatches(a, action)));

const statementCoverage = (statement: PolicyStatementView, need: Need): Coverage => {
  if (!statement.actions.some((a) => actionMatches(a, need.action))) {
    return statement.unknownActions ? 'unknown' : 'missing';
  }
  if (statement.unknownResources) {
    return 'unknown';
  }
  const results = statement.resources.map((r) => resourceCovers(r, need.resource));
  const best = results.includes('granted') ? 'granted' : results.includes('unknown') ? 'unknown' : 'missing';
  return best === 'granted' && statement.conditional ? 'unknown' : best;
};

/** Every action on every resource of the needed statements, once each. */
const needsOf = (statements: readonly PolicyStatement[]): Need[] => {
  const seen = new Set<string>();
  return statements.flatMap((s) =>
    s.Action.flatMap((action) =>
      s.Resource.flatMap((resource) => {
        const key = `${action}\u0000${JSON.stringify(resource)}`;
        if (seen.has(key)) {
          return [];
        }
        seen.add(key);
        return [{ action, resource }];
      }),
    ),
  );
};

/** What of `needed` the role is known to lack, and what cannot be checked. */
export const judgeRole = (role: RoleView, needed: readonly PolicyStatement[]): RoleVerdict => {
  const allows = role.statements.filter(isAllow);
  const missing: (Need & { actionAbsent: boolean })[] = [];
  const unknown: Need[] = [];
  for (const need of needsOf(needed)) {
    const results = allows.map((s) => statementCoverage(s, need));
    if (results.includes('granted')) {
      continue;
    }
    if (results.includes('unknown') || role.hasUnknownPolicies) {
      unknown.push(need);
    } else {
      const actionAbsent = !allowsAction(allows, need.action);
      missing.push({ ...need, actionAbsent });
    }
  }
  return { missing, unknown };
};

/** A needed resource as a message shows it: its Fn::Sub text. */
const shownResource = (resource: Json): string => {
  const text = arnText(resource);
  return text === UNKNOWN ? (literalString(resource) ?? 'a resource known only at deploy') : text;
};

/** "a, b on X; c on Y": needs grouped by resource, in first-seen order. */
export const describeNeeds = (needs: readonly Need[]): string => {
  const byResource = new Map<string, string[]>();
  for (const need of needs) {
    const key = shownResource(need.resource);
    byResource.set(key, [...(byResource.get(key) ?? []), need.action]);
  }
  return [...byResource].map(([resource, actions]) => `${[...new Set(actions)].join(', ')} on ${resource}`).join('; ');
};
