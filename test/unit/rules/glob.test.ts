import fc from 'fast-check';

import { actionMatches, globMatches } from '../../../functions/shared/rules/glob';

/** The RegExp the rules built before: `*` as `.*`, `?` as `.`, the rest escaped. */
const viaRegExp = (pattern: string, text: string): boolean =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === '*' ? '[^]*' : c === '?' ? '[^]' : `\\${c}`))}$`).test(text);

describe('globMatches', () => {
  it.each([
    ['arn:aws:logs:*:*:log-group:/app:*', 'arn:aws:logs:us-east-1:123456789012:log-group:/app:log-stream:x', true],
    ['arn:aws:logs:*:*:log-group:/app:*', 'arn:aws:logs:us-east-1:123456789012:log-group:/app2:log-stream:x', false],
    ['arn:aws:s3:::bucket/*', 'arn:aws:s3:::bucket/', true],
    ['arn:aws:s3:::bucket/?', 'arn:aws:s3:::bucket/', false],
    ['*', '', true],
    ['', '', true],
    ['', 'x', false],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXbYbZ', false],
    ['a.b', 'aXb', false],
  ])('%s against %s: %s', (pattern, text, expected) => {
    expect(globMatches(pattern, text)).toBe(expected);
  });

  it('answers as the regular expression the rules built before, on generated patterns', () => {
    const chars = fc.constantFrom('a', 'b', ':', '/', '.', '*', '?', '$', '(', '\\');
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 8 }), fc.string({ unit: chars, maxLength: 10 }), (pattern, text) => {
        expect(globMatches(pattern, text)).toBe(viaRegExp(pattern, text));
      }),
      { numRuns: 3000 },
    );
  });

  it('answers at once on patterns built to make a regular expression backtrack', () => {
    // A RegExp of `a*a*a*…b` against `aaaa…` backtracks exponentially; one backtrack point is pattern × text steps.
    expect(globMatches(`${'a*'.repeat(30)}b`, 'a'.repeat(5000))).toBe(false);
  });
});

describe('actionMatches', () => {
  it('matches IAM actions case-insensitively, with wildcards', () => {
    expect(actionMatches('Logs:put*', 'logs:PutLogEvents')).toBe(true);
    expect(actionMatches('logs:Create*', 'logs:PutLogEvents')).toBe(false);
    expect(actionMatches('*', 'firehose:PutRecordBatch')).toBe(true);
  });
});
