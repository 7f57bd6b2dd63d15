import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { renderDestinationTable } from '../../functions/shared/fluentbit/README-table';

const README = join(__dirname, '..', '..', 'README.md');
const START = '<!-- destinations:start -->';
const END = '<!-- destinations:end -->';

describe('README', () => {
  it('shows the destination table generated from the output catalogue (UPDATE_DOCS=1 rewrites it)', () => {
    // Arrange
    const text = readFileSync(README, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    const expected = `${START}\n${renderDestinationTable().trim()}\n${END}`;

    // Act
    if (process.env['UPDATE_DOCS'] === '1') {
      writeFileSync(README, `${text.slice(0, start)}${expected}${text.slice(end + END.length)}`);
    }
    const current = readFileSync(README, 'utf8');

    // Assert
    expect(current.slice(current.indexOf(START), current.indexOf(END) + END.length)).toBe(expected);
  });

  it('starts with the two commands that work on a fresh machine', () => {
    const head = readFileSync(README, 'utf8').split('\n').slice(0, 6).join('\n');

    expect(head).toContain('npm ci && npm start');
    expect(head).toContain('npm test');
  });
});
