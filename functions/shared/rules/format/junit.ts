/**
 * JUnit XML (as cfn-lint's): one suite per file, one test case per rule. A rule's findings in a file make
 * one `<failure>` of its test case (the first message as `message`, every finding in the body): the JUnit
 * schema (Ant's junit.xsd) allows one failure per test case, and Jenkins keeps only one.
 */
import { pathString } from '../../template/locator';
import type { Finding, Severity } from '../types';
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

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, informational: 2 };

const findingLine = (f: Finding): string => {
  const where = f.location ? `${String(f.location.line)}:${String(f.location.column)}` : pathString(f.path);
  return `${f.filename ?? '-'}:${where} ${f.message}`;
};

/** One failure for every finding of one rule in one file; its type is the most severe finding's severity. */
const failure = (own: readonly Finding[]): string => {
  const first = [...own].sort((a, b) => RANK[a.severity] - RANK[b.severity])[0];
  const message = own.length === 1 ? (first?.message ?? '') : `${String(own.length)} findings; first: ${first?.message ?? ''}`;
  return `      <failure type="${first?.severity ?? 'error'}" message="${escapeXml(message)}">${escapeXml(own.map(findingLine).join('\n'))}</failure>`;
};

export const formatJunit: Formatter = ({ findings, rules, filenames }) => {
  const files = [...new Set([...filenames, ...findings.map((f) => f.filename ?? '-')])];
  let failures = 0;
  const suites = files.map((file) => {
    const inFile = findings.filter((f) => (f.filename ?? '-') === file);
    const cases = rules.map((rule) => {
      const own = inFile.filter((f) => f.ruleId === rule.id);
      const name = escapeXml(`${rule.id} ${rule.summary}`);
      return own.length === 0
        ? `    <testcase classname="${escapeXml(file)}" name="${name}"/>`
        : `    <testcase classname="${escapeXml(file)}" name="${name}">\n${failure(own)}\n    </testcase>`;
    });
    const failing = new Set(inFile.map((f) => f.ruleId)).size;
    failures += failing;
    return `  <testsuite name="${escapeXml(file)}" tests="${String(rules.length)}" failures="${String(failing)}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const totals = `tests="${String(rules.length * files.length)}" failures="${String(failures)}" errors="0"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="firelens-lint" ${totals}>\n${suites.join('\n')}\n</testsuites>\n`;
};
