/** cfn-lint's default output: `FL1301 message` then `file:line:col`, a blank line between findings. */
import { pathString } from '../../template/locator';
import type { Finding, Severity } from '../types';
import type { Formatter } from './types';

/** SGR codes: red errors, yellow warnings, cyan informational findings; the location dimmed. */
const SEVERITY_COLOUR: Readonly<Record<Severity, string>> = { error: '31', warning: '33', informational: '36' };
const DIM = '2';

const paint = (enabled: boolean, code: string, text: string): string => (enabled ? `\u001b[${code}m${text}\u001b[0m` : text);

const formatOne = (f: Finding, color: boolean, note = ''): string => {
  const where = f.location ? `${String(f.location.line)}:${String(f.location.column)}` : pathString(f.path);
  return `${paint(color, SEVERITY_COLOUR[f.severity], f.ruleId)} ${note}${f.message}\n${paint(color, DIM, `${f.filename ?? '-'}:${where}`)}\n`;
};

export const formatText: Formatter = ({ findings, color = false, suppressed = [] }) =>
  [
    ...findings.map((f) => formatOne(f, color)),
    // Only with --show-suppressed: marked, and saying who switched each off.
    ...suppressed.map(({ finding, by }) => formatOne(finding, color, `[suppressed by ${by}] `)),
  ].join('\n');
