import { formatJson } from '../../../../functions/shared/rules/format/json';
import { escapeXml, formatJunit } from '../../../../functions/shared/rules/format/junit';
import { formatSarif } from '../../../../functions/shared/rules/format/sarif';
import { formatText } from '../../../../functions/shared/rules/format/text';
import type { FormatInput } from '../../../../functions/shared/rules/format/types';
import type { Finding, RuleMeta } from '../../../../functions/shared/rules/types';

const RULE: RuleMeta = {
  id: 'FL1301',
  name: 'port-24224-open',
  severity: 'error',
  summary: 'Checks that no security group of a FireLens task lets port 24224 in',
  docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html',
  tags: [],
};
const WARN: RuleMeta = {
  ...RULE,
  id: 'FL1501',
  name: 'router-image-mutable-tag',
  severity: 'warning',
  summary: 'Checks that images are pinned',
};

const located: Finding = {
  ruleId: 'FL1301',
  severity: 'error',
  message: 'Security group Group allows <all> & "more"',
  logicalId: 'Group',
  path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
  location: { line: 12, column: 11, endLine: 15, endColumn: 3 },
  filename: 'stack.yaml',
};
const unlocated: Finding = {
  ...located,
  ruleId: 'FL1501',
  severity: 'warning',
  message: 'pin it',
  location: undefined,
  filename: 'hook.json',
  path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image'],
};

const INPUT: FormatInput = { findings: [located, unlocated], rules: [RULE, WARN], filenames: ['stack.yaml', 'hook.json', 'clean.yaml'] };

describe('formatText', () => {
  it('prints cfn-lint style id + message, then file:line:col or the path when there is no line', () => {
    const text = formatText(INPUT);
    expect(text.split('\n')).toEqual([
      'FL1301 Security group Group allows <all> & "more"',
      'stack.yaml:12:11',
      '',
      'FL1501 pin it',
      'hook.json:Resources/Task/Properties/ContainerDefinitions/0/Image',
      '',
    ]);
    expect(text).toMatchSnapshot();
  });

  it('prints nothing when there are no findings', () => {
    expect(formatText({ ...INPUT, findings: [] })).toBe('');
  });
});

describe('formatJson', () => {
  it('uses the cfn-lint JSON shape', () => {
    const [first, second] = JSON.parse(formatJson(INPUT)) as unknown[];
    expect(first).toEqual({
      Filename: 'stack.yaml',
      Level: 'Error',
      Location: {
        Start: { LineNumber: 12, ColumnNumber: 11 },
        End: { LineNumber: 15, ColumnNumber: 3 },
        Path: ['Resources', 'Group', 'Properties', 'SecurityGroupIngress', 0],
      },
      Message: 'Security group Group allows <all> & "more"',
      Rule: { Id: 'FL1301', ShortDescription: RULE.summary, Description: RULE.summary, Source: RULE.docsUrl },
    });
    expect(second).toMatchObject({ Level: 'Warning', Filename: 'hook.json', Rule: { Id: 'FL1501' } });
  });
});

describe('formatSarif', () => {
  it('writes a SARIF 2.1.0 log with the rules and one result per finding', () => {
    const log = JSON.parse(formatSarif(INPUT)) as {
      version: string;
      $schema: string;
      runs: { tool: { driver: { name: string; rules: { id: string; helpUri: string }[] } }; results: Record<string, unknown>[] }[];
    };
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.runs[0]?.tool.driver.rules.map((r) => r.id)).toEqual(['FL1301', 'FL1501']);
    expect(log.runs[0]?.results[0]).toEqual({
      ruleId: 'FL1301',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'Security group Group allows <all> & "more"' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'stack.yaml' },
            region: { startLine: 12, startColumn: 11, endLine: 15, endColumn: 3 },
          },
          logicalLocations: [{ fullyQualifiedName: 'Resources/Group/Properties/SecurityGroupIngress/0' }],
        },
      ],
    });
    expect(log.runs[0]?.results[1]).toMatchObject({ ruleId: 'FL1501', level: 'warning', ruleIndex: 1 });
  });
});

describe('formatJunit', () => {
  it('writes one suite per file, a failure per finding, and escapes XML', () => {
    const xml = formatJunit(INPUT);
    expect(xml).toContain('<testsuite name="stack.yaml" tests="2" failures="1" errors="0" skipped="0">');
    expect(xml).toContain('<failure type="error" message="Security group Group allows &lt;all&gt; &amp; &quot;more&quot;">');
    expect(xml).toContain('<testsuite name="clean.yaml" tests="2" failures="0" errors="0" skipped="0">');
    expect(xml).not.toContain('<all>');
    expect(xml).toMatchSnapshot();
  });

  it('drops characters XML 1.0 cannot carry', () => {
    expect(escapeXml("a\u0001b'")).toBe('ab&apos;');
  });
});
