/**
 * cfn-lint style suppression: `Metadata: { firelens-lint: { config: { ignore_checks: [FL1001] } } }`
 * on the template (whole file) or on a resource (that resource only). The `cfn-lint` key is read too,
 * so teams can keep one habit. An entry matches a rule id exactly, or as an explicit prefix of at least
 * {@link MIN_SUPPRESSION_PREFIX} characters (`FL13` = FL13xx); a shorter entry (`F`, `FL1`) matches nothing,
 * so one letter cannot switch every rule off.
 *
 * Who obeys them is a {@link SuppressionPolicy}: `firelens lint` honours them all; the hook, a control over the
 * very template that writes them, honours only what its own settings allow.
 */
import { isObject, type JsonObject } from '../template/intrinsics';
import type { TemplatePath } from '../template/locator';
import type { Finding, Severity } from './types';

const METADATA_KEYS = ['firelens-lint', 'cfn-lint'] as const;

/** `FL13`: the shortest prefix an entry may be; `F` or `FL1` would silence whole families by accident or on purpose. */
export const MIN_SUPPRESSION_PREFIX = 4;

/** One `ignore_checks` entry: what it says and where the template says it. */
export interface SuppressionEntry {
  /** Upper-cased, trimmed. */
  readonly entry: string;
  /** The resource whose Metadata holds it; undefined for the template's own Metadata (the whole file). */
  readonly logicalId: string | undefined;
  readonly path: TemplatePath;
}

/** A finding a template entry matched, and whether the run's policy obeyed it. */
export interface SuppressedFinding {
  readonly finding: Finding;
  readonly by: SuppressionEntry;
  /** False when the policy (the hook's) refused the template's suppression: the finding is reported. */
  readonly honoured: boolean;
}

/**
 * Which template suppressions a run obeys: `honour` all (lint), or only those `allow` names (the hook): never an
 * engine finding (FL0xxx), an error-severity rule only when listed by its exact id, others by id or prefix.
 */
export type SuppressionPolicy = 'honour' | { readonly allow: readonly string[] };

export interface Suppressions {
  /** The first template entry that matches the finding of `ruleId` at resource `logicalId` (if any). */
  readonly matching: (ruleId: string, logicalId: string | undefined) => SuppressionEntry | undefined;
  /** Entries too short to match any rule (lint warns about them). */
  readonly tooShort: readonly SuppressionEntry[];
}

/** Exact id, or an explicit prefix of at least {@link MIN_SUPPRESSION_PREFIX} characters. */
const suppressionMatches = (ruleId: string, entry: string): boolean => {
  const id = ruleId.toUpperCase();
  const wanted = entry.trim().toUpperCase();
  return id === wanted || (wanted.length >= MIN_SUPPRESSION_PREFIX && id.startsWith(wanted));
};

/** Reads `ignore_checks` from a `Metadata` object at `path`; non-string entries are ignored. */
const entriesOf = (metadata: unknown, path: TemplatePath, logicalId: string | undefined): SuppressionEntry[] => {
  if (!isObject(metadata)) {
    return [];
  }
  const out: SuppressionEntry[] = [];
  for (const key of METADATA_KEYS) {
    const section = metadata[key];
    const config = isObject(section) ? section['config'] : undefined;
    const checks = isObject(config) ? config['ignore_checks'] : undefined;
    (Array.isArray(checks) ? checks : []).forEach((check, index) => {
      if (typeof check === 'string' && check.trim() !== '') {
        out.push({ entry: check.trim().toUpperCase(), logicalId, path: [...path, 'Metadata', key, 'config', 'ignore_checks', index] });
      }
    });
  }
  return out;
};

export const readSuppressions = (template: JsonObject): Suppressions => {
  const global = entriesOf(template['Metadata'], [], undefined);
  const resources = isObject(template['Resources']) ? template['Resources'] : {};
  const perResource = new Map<string, SuppressionEntry[]>();
  for (const [id, resource] of Object.entries(resources)) {
    const entries = isObject(resource) ? entriesOf(resource['Metadata'], ['Resources', id], id) : [];
    if (entries.length > 0) {
      perResource.set(id, entries);
    }
  }
  const all = [...global, ...[...perResource.values()].flat()];
  return {
    matching: (ruleId, logicalId) =>
      [...global, ...(logicalId === undefined ? [] : (perResource.get(logicalId) ?? []))].find((e) => suppressionMatches(ruleId, e.entry)),
    tooShort: all.filter((e) => e.entry.length < MIN_SUPPRESSION_PREFIX),
  };
};

/** Engine findings (a crashed rule, an unchecked task definition) say the check itself did not happen. */
const isEngineFinding = (ruleId: string): boolean => /^FL0\d{3}$/i.test(ruleId);

/** True when `policy` lets a template entry switch off the finding of `ruleId` with `severity`. */
export const policyHonours = (policy: SuppressionPolicy, ruleId: string, severity: Severity): boolean => {
  if (policy === 'honour') {
    return true;
  }
  if (isEngineFinding(ruleId)) {
    return false;
  }
  const id = ruleId.toUpperCase();
  return policy.allow.some((allowed) => {
    const wanted = allowed.trim().toUpperCase();
    return wanted === id || (severity !== 'error' && suppressionMatches(id, wanted));
  });
};

/** `Metadata of resource Sg (ignore_checks FL13)` / `the template's Metadata (ignore_checks FL1301)`. */
export const describeSuppression = (by: SuppressionEntry): string =>
  `${by.logicalId === undefined ? "the template's Metadata" : `Metadata of resource ${by.logicalId}`} (ignore_checks ${by.entry})`;
