import { cutText } from '../../../functions/shared/errors';
import { buildComplianceResponse, listWithinLimit, MESSAGE_LIMIT } from '../../../functions/shared/hook/report';
import type { Finding, RuleMeta, Severity } from '../../../functions/shared/rules/types';

const finding = (ruleId: string, severity: Severity, logicalId: string, path: string, message = 'is wrong'): Finding => ({
  ruleId,
  severity,
  message,
  logicalId,
  path: ['Resources', logicalId, 'Properties', ...path.split('/')],
  location: undefined,
  filename: undefined,
});

const meta = (id: string, severity: Severity): RuleMeta => ({
  id,
  name: `rule-${id.toLowerCase()}`,
  severity,
  summary: `Checks that ${id} holds`,
  docsUrl: `https://docs.aws.amazon.com/${id}`,
  tags: [],
});

describe('buildComplianceResponse', () => {
  it('answers SUCCESS with no findings', () => {
    // Arrange
    const findings: Finding[] = [];

    // Act
    const response = buildComplianceResponse(findings, { clientRequestToken: 't', warningsAsErrors: false });

    // Assert
    expect(response).toEqual({
      hookStatus: 'SUCCESS',
      clientRequestToken: 't',
      message: 'FireLens hook: compliant, no findings',
      annotations: [],
    });
  });

  it('answers FAILED / NonCompliant listing errors before warnings', () => {
    // Arrange
    const findings = [
      finding('FL1007', 'warning', 'A', 'ContainerDefinitions/0'),
      finding('FL1302', 'error', 'B', 'ContainerDefinitions/1/PortMappings/0'),
      finding('FL1001', 'error', 'A', 'ContainerDefinitions/2/LogConfiguration/LogDriver'),
    ];

    // Act
    const response = buildComplianceResponse(findings, { clientRequestToken: 't', warningsAsErrors: false });

    // Assert
    expect(response.hookStatus).toBe('FAILED');
    expect(response.errorCode).toBe('NonCompliant');
    expect(response.message).toBe(
      'FireLens hook: not compliant, 2 errors, 1 warning: ' +
        'FL1001 Resources/A/Properties/ContainerDefinitions/2/LogConfiguration/LogDriver: is wrong; ' +
        'FL1302 Resources/B/Properties/ContainerDefinitions/1/PortMappings/0: is wrong; ' +
        'FL1007 Resources/A/Properties/ContainerDefinitions/0: is wrong',
    );
  });

  it('lists findings of one severity in the engine order: line and column first', () => {
    // Arrange
    const at = (line: number): Finding['location'] => ({ line, column: 5, endLine: line, endColumn: 9 });
    const findings = [
      { ...finding('FL1001', 'error', 'A', 'ContainerDefinitions/0'), location: at(30) },
      { ...finding('FL1302', 'error', 'B', 'ContainerDefinitions/0'), location: at(12) },
    ];

    // Act
    const response = buildComplianceResponse(findings, { clientRequestToken: 't', warningsAsErrors: false });

    // Assert
    expect(response.message).toBe(
      'FireLens hook: not compliant, 2 errors, 0 warnings: ' +
        'FL1302 Resources/B/Properties/ContainerDefinitions/0: is wrong; ' +
        'FL1001 Resources/A/Properties/ContainerDefinitions/0: is wrong',
    );
  });

  it('passes with warnings unless warnings are errors', () => {
    // Arrange
    const findings = [finding('FL1007', 'warning', 'A', 'ContainerDefinitions/0')];

    // Act
    const lenient = buildComplianceResponse(findings, { clientRequestToken: 't', warningsAsErrors: false });
    const strict = buildComplianceResponse(findings, { clientRequestToken: 't', warningsAsErrors: true });

    // Assert
    expect(lenient.hookStatus).toBe('SUCCESS');
    expect(lenient.message).toBe(
      'FireLens hook: compliant, 0 errors, 1 warning: FL1007 Resources/A/Properties/ContainerDefinitions/0: is wrong',
    );
    expect(strict).toMatchObject({ hookStatus: 'FAILED', errorCode: 'NonCompliant' });
  });

  it('never fails on informational findings', () => {
    // Arrange
    const findings = [finding('FL1900', 'informational', 'A', 'X')];

    // Act
    const response = buildComplianceResponse(findings, { clientRequestToken: 't', warningsAsErrors: true });

    // Assert
    expect(response.hookStatus).toBe('SUCCESS');
  });

  it('cuts a long list deterministically to 1,024 characters and says how many were left out', () => {
    // Arrange
    const findings = Array.from({ length: 40 }, (_, i) =>
      finding('FL1302', 'error', `Task${String(i).padStart(2, '0')}`, 'ContainerDefinitions/1/PortMappings/0', 'maps container port 24224'),
    );

    // Act
    const first = buildComplianceResponse(findings, { clientRequestToken: 't', warningsAsErrors: false });
    const again = buildComplianceResponse([...findings].reverse(), { clientRequestToken: 't', warningsAsErrors: false });

    // Assert
    const message = first.message ?? '';
    expect(message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(message).toMatch(/; … and 31 more findings$/);
    expect(message.startsWith('FireLens hook: not compliant, 40 errors, 0 warnings: FL1302 Resources/Task00/')).toBe(true);
    expect(again.message).toBe(message);
  });

  it('returns one annotation per rule: FAILED, PASSED or SKIPPED, with the severity mapped', () => {
    // Arrange
    const rules = [meta('FL1302', 'error'), meta('FL1006', 'warning'), meta('FL1007', 'warning'), meta('FL1008', 'warning')];
    const findings = [finding('FL1302', 'error', 'A', 'ContainerDefinitions/1/PortMappings/0')];

    // Act
    const response = buildComplianceResponse(findings, {
      clientRequestToken: 't',
      warningsAsErrors: false,
      rules,
      skippedRuleIds: new Map([['FL1008', "Switched off by the hook's own configuration (FIRELENS_IGNORE_CHECKS)"]]),
      suppressedBy: new Map([['FL1006', 'Suppressed by the template (Metadata of resource A (ignore_checks FL1006))']]),
    });

    // Assert
    expect(response.annotations).toEqual([
      {
        annotationName: 'FL1006 rule-fl1006',
        status: 'SKIPPED',
        statusMessage: 'Suppressed by the template (Metadata of resource A (ignore_checks FL1006))',
        remediationMessage: 'Checks that FL1006 holds',
        remediationLink: 'https://docs.aws.amazon.com/FL1006',
        severityLevel: 'MEDIUM',
      },
      {
        annotationName: 'FL1007 rule-fl1007',
        status: 'PASSED',
        remediationMessage: 'Checks that FL1007 holds',
        remediationLink: 'https://docs.aws.amazon.com/FL1007',
        severityLevel: 'MEDIUM',
      },
      {
        annotationName: 'FL1008 rule-fl1008',
        status: 'SKIPPED',
        statusMessage: "Switched off by the hook's own configuration (FIRELENS_IGNORE_CHECKS)",
        remediationMessage: 'Checks that FL1008 holds',
        remediationLink: 'https://docs.aws.amazon.com/FL1008',
        severityLevel: 'MEDIUM',
      },
      {
        annotationName: 'FL1302 rule-fl1302',
        status: 'FAILED',
        statusMessage: '1 finding: FL1302 Resources/A/Properties/ContainerDefinitions/1/PortMappings/0: is wrong',
        remediationMessage: 'Checks that FL1302 holds',
        remediationLink: 'https://docs.aws.amazon.com/FL1302',
        severityLevel: 'HIGH',
      },
    ]);
  });
});

describe('listWithinLimit', () => {
  it('cuts a single entry that alone is too long, keeping the suffix', () => {
    // Arrange
    const entries = ['x'.repeat(2_000), 'short'];

    // Act
    const message = listWithinLimit('Head', entries, 'finding', 100);

    // Assert
    expect(message).toHaveLength(100);
    expect(message).toMatch(/^Head: x+…; … and 1 more finding$/);
  });

  it('keeps everything when it fits', () => {
    // Arrange
    const entries = ['a', 'b'];

    // Act
    const message = listWithinLimit('Head', entries, 'finding', 100);

    // Assert
    expect(message).toBe('Head: a; b');
  });
});

describe('cutText', () => {
  it('never splits a surrogate pair', () => {
    // Arrange
    const text = `ab${'😀'.repeat(5)}`;

    // Act
    const cut = cutText(text, 6);

    // Assert
    expect(cut).toBe('ab😀…');
  });
});
