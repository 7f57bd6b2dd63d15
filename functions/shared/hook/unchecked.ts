/**
 * Findings that say a check could not be made: FL0003 (a service's task definition could not be read) and FL1303
 * (whether port 24224 is reachable cannot be known). Lint reports them as warnings; the hook, a deploy-time
 * control, fails closed on them (as errors) unless FIRELENS_FAIL_ON_UNCHECKED is false.
 */
import type { Finding } from '../rules/types';

export const UNCHECKED_RULE_IDS: ReadonlySet<string> = new Set(['FL0003', 'FL1303']);

/** The finding with the severity the hook gives it. */
export const hookSeverity = (finding: Finding, failOnUnchecked: boolean): Finding =>
  failOnUnchecked && UNCHECKED_RULE_IDS.has(finding.ruleId) && finding.severity !== 'error' ? { ...finding, severity: 'error' } : finding;
