/** JUnit XML (as cfn-lint's): one suite per file, one test case per rule; a finding is a failure. */
import { pathString } from '../../template/locator';
import type { Finding } from '../types';
import type { Formatter } from './types';

export const escapeXml = (text: string): string =>
  text
    // XML 1.0 cannot carry most control characters at all, even escaped.
    // eslint-disable-next-line no-control-regex -- matching control characters is this line's purpose
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const failure = (f: Finding): string => {
  const where = f.location ? `${String(f.location.line)}:${String(f.location.column)}` : pathString(f.path);
  return `      <failure type="${f.severity}" message="${escapeXml(f.message)}">${escapeXml(`${f.filename ?? '-'}:${where} ${f.message}`)}</failure>`;
};

export const formatJunit: Formatter = ({ findings, rules, filenames }) => {
  const files = [...new Set([...filenames, ...findings.map((f) => f.filename ?? '-')])];
  const suites = files.map((file) => {
    const inFile = findings.filter((f) => (f.filename ?? '-') === file);
    const cases = rules.map((rule) => {
      const own = inFile.filter((f) => f.ruleId === rule.id);
      const name = escapeXml(`${rule.id} ${rule.summary}`);
      return own.length === 0
        ? `    <testcase classname="${escapeXml(file)}" name="${name}"/>`
        : `    <testcase classname="${escapeXml(file)}" name="${name}">\n${own.map(failure).join('\n')}\n    </testcase>`;
    });
    const failing = new Set(inFile.map((f) => f.ruleId)).size;
    return `  <testsuite name="${escapeXml(file)}" tests="${String(rules.length)}" failures="${String(failing)}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="firelens-lint">\n${suites.join('\n')}\n</testsuites>\n`;
};
