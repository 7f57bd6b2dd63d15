import { hookSeverity, UNCHECKED_RULE_IDS } from '../../../functions/shared/hook/unchecked';
import type { Finding, Severity } from '../../../functions/shared/rules/types';

const finding = (ruleId: string, severity: Severity): Finding => ({
  ruleId,
  severity,
  message: 'm',
  logicalId: 'Svc',
  path: ['Resources', 'Svc'],
  location: undefined,
  filename: undefined,
});

describe('hookSeverity', () => {
  it('names FL0003 (task definition not checked) and FL1303 (24224 reachability unknown) as unchecked', () => {
    // Assert
    expect([...UNCHECKED_RULE_IDS].sort()).toEqual(['FL0003', 'FL1303']);
  });

  it.each([
    ['FL0003', 'warning', true, 'error'],
    ['FL1303', 'warning', true, 'error'],
    ['FL1303', 'informational', true, 'error'],
    ['FL0003', 'warning', false, 'warning'],
    ['FL1303', 'warning', false, 'warning'],
    ['FL1301', 'warning', true, 'warning'],
    ['FL1501', 'informational', true, 'informational'],
    ['FL1302', 'error', false, 'error'],
  ] as const)('gives %s (%s in lint) with failOnUnchecked=%s the severity %s', (ruleId, severity, failOnUnchecked, expected) => {
    // Act
    const mapped = hookSeverity(finding(ruleId, severity), failOnUnchecked);

    // Assert
    expect(mapped).toEqual({ ...finding(ruleId, severity), severity: expected });
  });
});
