/** cfn-lint's JSON output shape, so tools that read cfn-lint read ours. */
import type { Severity } from '../types';
import { type Formatter, ruleIndex } from './types';

const LEVELS: Readonly<Record<Severity, string>> = { error: 'Error', warning: 'Warning', informational: 'Informational' };

export const formatJson: Formatter = ({ findings, rules }) => {
  const byId = ruleIndex(rules);
  const out = findings.map((f) => {
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
  });
  return `${JSON.stringify(out, null, 2)}\n`;
};
