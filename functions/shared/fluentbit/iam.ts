import type { Json, JsonObject } from '../template/intrinsics';

export { buildArn } from './arn';

/** One IAM policy statement as the macro emits it. Resources may be intrinsics (Fn::Sub, Fn::GetAtt). */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow';
  Action: string[];
  Resource: Json[];
  Condition?: JsonObject;
}

/**
 * The Sid of a generated statement that grants on a resource built from a wildcard the user wrote and
 * accepted with `FireLens.AllowWildcardResources`: the lint rule FL1604 finds it in the expanded template.
 */
export const WILDCARD_RESOURCES_SID = 'FireLensAllowWildcardResources';

/** JSON text with sorted object keys, so equal values compare equal whatever their key order. */
export const canonicalJson = (value: Json | undefined): string => {
  if (value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
};

const uniqueBy = <T>(items: readonly T[], key: (item: T) => string): T[] => {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) {
      return false;
    }
    seen.add(k);
    return true;
  });
};

/** Statements that grant on the same resources under the same condition can share one statement. */
const groupKey = (statement: PolicyStatement): string => {
  const resources = uniqueBy(statement.Resource, canonicalJson).map(canonicalJson).sort();
  return `${resources.join('\n')}\u0000${canonicalJson(statement.Condition)}`;
};

/**
 * The union of `statements`, de-duplicated: statements with the same resource set and condition
 * are merged, actions are sorted and unique, resources keep their first-seen order, and groups
 * keep the order in which they first appear — so a policy built from several containers is stable
 * whatever order the containers come in, as long as the first one stays first.
 * The Sid of the first statement of a group is kept.
 */
export const mergeStatements = (statements: readonly PolicyStatement[]): PolicyStatement[] => {
  const groups = new Map<string, PolicyStatement>();
  for (const statement of statements) {
    const key = groupKey(statement);
    const existing = groups.get(key);
    if (existing === undefined) {
      groups.set(key, {
        ...(statement.Sid === undefined ? {} : { Sid: statement.Sid }),
        Effect: 'Allow',
        Action: [...new Set(statement.Action)].sort(),
        Resource: uniqueBy(statement.Resource, canonicalJson),
        ...(statement.Condition === undefined ? {} : { Condition: statement.Condition }),
      });
    } else {
      existing.Action = [...new Set([...existing.Action, ...statement.Action])].sort();
    }
  }
  return [...groups.values()];
};

/** A statement with sorted, unique actions. */
export const allow = (actions: readonly string[], resources: readonly Json[], condition?: JsonObject): PolicyStatement => ({
  Effect: 'Allow',
  Action: [...new Set(actions)].sort(),
  Resource: uniqueBy(resources, canonicalJson),
  ...(condition === undefined ? {} : { Condition: condition }),
});
