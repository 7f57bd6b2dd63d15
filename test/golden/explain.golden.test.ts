import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { runCli } from '../../functions/cli/main';

/**
 * Golden files for `firelens explain`: every `test/golden/explain/<case>.yaml` prints exactly its
 * committed `<case>.txt` (one case per destination, a reused router, a template without the
 * transform). `npm run test:golden:update` (UPDATE_GOLDEN=1) rewrites them; review the diff.
 */
const DIR = join(__dirname, 'explain');
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const CASES = readdirSync(DIR)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => file.slice(0, -'.yaml'.length));

const explain = async (file: string): Promise<{ code: number; stdout: string; stderr: string }> => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['explain', file], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (path) => readFileSync(join(DIR, path), 'utf8'),
  });
  return { code, stdout, stderr };
};

describe('firelens explain golden files', () => {
  it('has a case for each destination and for a reused router', () => {
    expect(CASES).toEqual(
      expect.arrayContaining(['cloudwatch-logs', 'firehose', 'kinesis-streams', 's3', 'opensearch', 'custom', 'reused-router']),
    );
  });

  it.each(CASES)('%s prints its golden text', async (name) => {
    // Arrange
    const expectedPath = join(DIR, `${name}.txt`);

    // Act
    const { code, stdout, stderr } = await explain(`${name}.yaml`);
    if (UPDATE) {
      writeFileSync(expectedPath, stdout);
    }

    // Assert
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(existsSync(expectedPath)).toBe(true);
    expect(stdout).toBe(readFileSync(expectedPath, 'utf8'));
  });
});
