import type { Rule, RuleMeta, Severity } from './types';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'informational'];

const ID_PATTERN = /^FL\d{4}$/;
const NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Problems with a rule's metadata; empty when it is well formed. Used by defineRule and the meta-tests. */
export const metaProblems = (meta: RuleMeta): string[] => {
  const problems: string[] = [];
  if (!ID_PATTERN.test(meta.id)) {
    problems.push(`id ${meta.id} is not FL followed by four digits`);
  }
  if (!NAME_PATTERN.test(meta.name)) {
    problems.push(`name ${meta.name} is not kebab-case`);
  }
  if (!SEVERITIES.includes(meta.severity)) {
    problems.push(`severity ${meta.severity} is not one of ${SEVERITIES.join(', ')}`);
  }
  if (!meta.summary.startsWith('Checks that ') || meta.summary.endsWith('.') || meta.summary.includes('\n')) {
    problems.push('summary must be one line starting "Checks that " with no trailing period');
  }
  if (!meta.docsUrl.startsWith('https://')) {
    problems.push('docsUrl must be an https URL');
  }
  problems.push(...optionProblems(meta));
  return problems;
};

/** Each option: a kebab-case key, a description, and a default inside its own bounds. */
const optionProblems = (meta: RuleMeta): string[] =>
  Object.entries(meta.options ?? {}).flatMap(([key, spec]) => [
    ...(NAME_PATTERN.test(key) ? [] : [`option ${key} is not kebab-case`]),
    ...(spec.description.trim() === '' ? [`option ${key} has no description`] : []),
    ...(Number.isInteger(spec.default) && spec.minimum <= spec.default && spec.default <= spec.maximum
      ? []
      : [`option ${key} default ${String(spec.default)} is not an integer from ${String(spec.minimum)} to ${String(spec.maximum)}`]),
  ]);

/**
 * Identity helper that fixes the Rule type (so `check` gets typed parameters) and refuses malformed
 * metadata at module load: a broken rule never reaches the catalogue.
 */
export const defineRule = <R extends Rule>(rule: R): R => {
  const problems = metaProblems(rule.meta);
  if (problems.length > 0) {
    throw new Error(`rule ${rule.meta.id}: ${problems.join('; ')}`);
  }
  return rule;
};
