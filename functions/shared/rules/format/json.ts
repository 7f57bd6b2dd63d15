/** cfn-lint's JSON output shape, so tools that read cfn-lint read ours. */
import type { Finding, Severity } from '../types';
import { type Formatter, ruleIndex } from './types';

const LEVELS: Readonly<Record<Severity, string>> = { error: 'Error', warning: 'Warning', informational: 'Informational' };

export const formatJson: Formatter = ({ findings, rules, suppressed = [] }) => {
  const byId = ruleIndex(rules);
  const entry = (f: Finding): Record<string, unknown> => {
    const meta = byId.get(f.ruleId);
    return {
      Filename: f.filename ?? '',
      Level: LEVELS[f.severity],
      Location: {
        Start: { LineNumber: f.location?.line ?? 1, ColumnNumber: f.location?.column ?? 1 },
        End: { LineNumber: f.location?.endLine ?? 1, ColumnNumber: f.location?.endColumn ?? 1 },
        Path: [...f.path],
      },
      Message: f.message,
      Rule: {
        Id: f.ruleId,
        ShortDescription: meta?.summary ?? f.ruleId,
        Description: meta?.description ?? meta?.summary ?? f.ruleId,
        Source: meta?.docsUrl ?? '',
      },
    };
  };
  // Suppressed findings (only with --show-suppressed) come last, each marked with who suppressed it.
  const out = [...findings.map(entry), ...suppressed.map(({ finding, by }) => ({ ...entry(finding), Suppressed: { By: by } }))];
  return `${JSON.stringify(out, null, 2)}\n`;
};
