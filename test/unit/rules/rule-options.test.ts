import { catalog } from '../../../functions/shared/rules/catalog';
import { metaProblems } from '../../../functions/shared/rules/define-rule';
import { lintTemplate } from '../../../functions/shared/rules/lint';
import { parseRuleSetting, readTemplateRuleSettings } from '../../../functions/shared/rules/rule-options';
import { loadTemplate } from '../../../functions/shared/template/load';
import { readFixture } from '../../helpers/rule-tester';

/** The FL1103 fixture whose 4096 lines fit at 256 bytes a line but not at 2048, with template Metadata added. */
const withMetadata = (metadata: string): string => `${metadata}\n${readFixture('bad/FL1103/buffer-lines-at-default-line-size.yaml')}`;

const fl1103 = (text: string, configureRules = {}) => {
  const { template, locator } = loadTemplate(text);
  return lintTemplate(template, { locator, onlyRules: ['FL1103', 'FL0005'], ruleOptions: { configureRules } });
};

describe('configure_rules in the template Metadata (cfn-lint shape)', () => {
  it('sets a rule option for this template', () => {
    // Arrange
    const text = withMetadata(
      'Metadata:\n  firelens-lint:\n    config:\n      configure_rules:\n        FL1103:\n          average-log-line-bytes: 256',
    );

    // Act
    const findings = fl1103(text);

    // Assert: 1 MiB of buffers now fit (510 + 1 < 512).
    expect(findings).toEqual([]);
    expect(fl1103(withMetadata(''))).toHaveLength(1);
  });

  it('loses to the command line (or hook) setting of the same option', () => {
    // Arrange
    const text = withMetadata(
      'Metadata:\n  firelens-lint:\n    config:\n      configure_rules:\n        FL1103:\n          average-log-line-bytes: 256',
    );

    // Act
    const findings = fl1103(text, { FL1103: { 'average-log-line-bytes': 4096 } });

    // Assert
    expect(findings.map((f) => [f.ruleId, f.message.includes('4096 log lines × 4096 bytes')])).toEqual([['FL1103', true]]);
  });

  it('reports an unknown rule, an unknown option and a value out of range as FL0005 at their lines, keeping the default', () => {
    // Arrange
    const text = withMetadata(
      [
        'Metadata:',
        '  firelens-lint:',
        '    config:',
        '      configure_rules:',
        '        FL9999: {average-log-line-bytes: 1}',
        '        FL1103: {line-size: 1, average-log-line-bytes: 0}',
      ].join('\n'),
    );

    // Act
    const findings = fl1103(text);

    // Assert
    expect(findings.map((f) => [f.ruleId, f.location?.line, f.message])).toEqual([
      ['FL0005', 5, 'configure_rules: unknown rule "FL9999"'],
      ['FL0005', 6, 'configure_rules: unknown option "line-size" of FL1103 (options of FL1103: average-log-line-bytes)'],
      ['FL0005', 6, 'configure_rules: FL1103:average-log-line-bytes must be an integer from 1 to 1048576 (got 0)'],
      ['FL1103', 16, expect.stringContaining('4096 log lines × 2048 bytes') as unknown],
    ]);
  });

  it('refuses a configure_rules that is not a mapping', () => {
    const { problems } = readTemplateRuleSettings({ Metadata: { 'firelens-lint': { config: { configure_rules: ['FL1103'] } } } }, catalog);

    expect(problems).toEqual([
      { path: ['Metadata', 'firelens-lint', 'config', 'configure_rules'], message: 'configure_rules must map rule ids to their options' },
    ]);
  });
});

describe('parseRuleSetting', () => {
  it('reads RULE:key=value, the rule id in any case', () => {
    expect(parseRuleSetting('fl1103:average-log-line-bytes= 512', catalog)).toEqual({
      ruleId: 'FL1103',
      key: 'average-log-line-bytes',
      value: 512,
    });
  });

  it('names the options of a rule that has none', () => {
    expect(parseRuleSetting('FL1001:anything=1', catalog)).toEqual({
      error: 'unknown option "anything" of FL1001 (FL1001 has no options)',
    });
  });
});

describe('rule option declarations', () => {
  it('refuses a default outside its own bounds and a key that is not kebab-case', () => {
    // Arrange
    const meta = {
      id: 'FL9001',
      name: 'demo',
      severity: 'error' as const,
      summary: 'Checks that demo',
      docsUrl: 'https://docs.aws.amazon.com/x',
      tags: [],
      options: { lineBytes: { description: 'x', default: 0, minimum: 1, maximum: 2 } },
    };

    // Act / Assert
    expect(metaProblems(meta)).toEqual(['option lineBytes is not kebab-case', 'option lineBytes default 0 is not an integer from 1 to 2']);
  });
});
