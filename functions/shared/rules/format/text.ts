/** cfn-lint's default output: `FL1301 message` then `file:line:col`, a blank line between findings. */
import { pathString } from '../../template/locator';
import type { Formatter } from './types';

export const formatText: Formatter = ({ findings }) =>
  findings
    .map((f) => {
      const where = f.location ? `${String(f.location.line)}:${String(f.location.column)}` : pathString(f.path);
      return `${f.ruleId} ${f.message}\n${f.filename ?? '-'}:${where}\n`;
    })
    .join('\n');
