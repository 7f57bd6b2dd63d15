/** SARIF 2.1.0 for code scanning (GitHub, Azure DevOps): one run, the rule set as the driver's rules. */
import { pathString } from '../../template/locator';
import type { Severity } from '../types';
import type { Formatter } from './types';

const LEVEL: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', informational: 'note' };

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export const formatSarif: Formatter = ({ findings, rules }) => {
  const ruleIds = rules.map((r) => r.id);
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'firelens-lint',
            informationUri: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.summary },
              fullDescription: { text: r.description ?? r.summary },
              helpUri: r.docsUrl,
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ...(ruleIds.includes(f.ruleId) ? { ruleIndex: ruleIds.indexOf(f.ruleId) } : {}),
          level: LEVEL[f.severity],
          message: { text: f.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.filename ?? '' },
                region: {
                  startLine: f.location?.line ?? 1,
                  startColumn: f.location?.column ?? 1,
                  ...(f.location ? { endLine: f.location.endLine, endColumn: f.location.endColumn } : {}),
                },
              },
              logicalLocations: [{ fullyQualifiedName: pathString(f.path) }],
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
