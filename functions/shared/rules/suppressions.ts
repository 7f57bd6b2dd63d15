/**
 * cfn-lint style suppression: `Metadata: { firelens-lint: { config: { ignore_checks: [FL1001] } } }`
 * on the template (whole file) or on a resource (that resource only). The `cfn-lint` key is read too,
 * so teams can keep one habit. An entry matches a rule id exactly or as a prefix (`FL13` = FL13xx).
 */
import { isObject, type JsonObject } from '../template/intrinsics';

const METADATA_KEYS = ['firelens-lint', 'cfn-lint'] as const;

export interface Suppressions {
  /** True when the finding of `ruleId` at resource `logicalId` (if any) is switched off. */
  readonly isSuppressed: (ruleId: string, logicalId: string | undefined) => boolean;
}

/** Reads `ignore_checks` from a `Metadata` object; non-string entries are ignored. */
const ignoreChecksOf = (metadata: unknown): string[] => {
  if (!isObject(metadata)) {
    return [];
  }
  const out: string[] = [];
  for (const key of METADATA_KEYS) {
    const section = metadata[key];
    const config = isObject(section) ? section['config'] : undefined;
    const checks = isObject(config) ? config['ignore_checks'] : undefined;
    if (Array.isArray(checks)) {
      out.push(...checks.filter((c): c is string => typeof c === 'string').map((c) => c.trim().toUpperCase()));
    }
  }
  return out;
};

export const matchesCheck = (ruleId: string, patterns: readonly string[]): boolean =>
  patterns.some((p) => p.length > 0 && ruleId.toUpperCase().startsWith(p.toUpperCase()));

export const readSuppressions = (template: JsonObject): Suppressions => {
  const global = ignoreChecksOf(template['Metadata']);
  const resources = isObject(template['Resources']) ? template['Resources'] : {};
  const perResource = new Map<string, string[]>();
  for (const [id, resource] of Object.entries(resources)) {
    const checks = isObject(resource) ? ignoreChecksOf(resource['Metadata']) : [];
    if (checks.length > 0) {
      perResource.set(id, checks);
    }
  }
  return {
    isSuppressed: (ruleId, logicalId) =>
      matchesCheck(ruleId, global) || (logicalId !== undefined && matchesCheck(ruleId, perResource.get(logicalId) ?? [])),
  };
};
