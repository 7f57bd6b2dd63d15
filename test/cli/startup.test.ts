import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { loadTemplate } from '../../functions/shared/template/load';

/**
 * What `firelens lint` loads at start (issue #11): modules that most runs never use are loaded on first use,
 * and the launcher tunes V8 for a short process unless Node was told otherwise.
 */
const ROOT = join(__dirname, '..', '..');
// A template with findings: the text report asks whether its output is a terminal (for colours).
const WITH_FINDINGS = join(ROOT, 'test', 'fixtures', 'templates', 'bad', 'FL1001', 'driver-without-router.yaml');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { inliningFlag } = require('../../bin/load-bundle.cjs') as {
  inliningFlag: (execArgv: readonly string[], nodeOptions: string | undefined) => string | undefined;
};

let jsYamlLoads = 0;
jest.mock('js-yaml', () => {
  jsYamlLoads += 1;
  return jest.requireActual<object>('js-yaml');
});

describe('modules loaded on first use', () => {
  it('loads neither node:tty nor node:child_process when the report goes to a pipe', () => {
    // Arrange: a preload that reports, as the process ends, which of them Node loaded
    const dir = mkdtempSync(join(tmpdir(), 'firelens-startup-'));
    const probe = join(dir, 'probe.cjs');
    writeFileSync(
      probe,
      `process.on('exit', () => require('node:fs').writeSync(2, '\\nLOADED=' + JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (tty|child_process|net)$/.test(m))) + '\\n'));\n`,
    );

    const env = { ...process.env, NODE_OPTIONS: '', FIRELENS_COMPILE_CACHE: 'off', FORCE_COLOR: '' };
    // A bundle older than the sources is rebuilt first, through node:child_process: not what is measured.
    spawnSync(process.execPath, [join(ROOT, 'bin', 'firelens.cjs'), '--version'], { env });

    // Act
    const run = spawnSync(process.execPath, ['--require', probe, join(ROOT, 'bin', 'firelens.cjs'), 'lint', WITH_FINDINGS], {
      env,
      encoding: 'utf8',
    });

    // Assert
    expect(run.stdout).toContain('FL1001');
    expect(run.stderr).toContain('LOADED=[]');
  });

  it('loads js-yaml only for a template the line reader declines', () => {
    // Arrange
    const lineReaderText = 'Resources:\n  Log:\n    Type: AWS::Logs::LogGroup\n';
    const multiLinePlain = 'Resources:\n  Log:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: app\n        logs\n';

    // Act
    const first = loadTemplate(lineReaderText);
    const loadsAfterFirst = jsYamlLoads;
    const second = loadTemplate(multiLinePlain);

    // Assert
    expect(first.template).toEqual({ Resources: { Log: { Type: 'AWS::Logs::LogGroup' } } });
    expect(loadsAfterFirst).toBe(0);
    expect(second.template).toEqual({ Resources: { Log: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: 'app logs' } } } });
    expect(jsYamlLoads).toBe(1);
  });
});

describe('the inlining limit the launcher sets', () => {
  it.each([
    ['no flags', [], undefined, '--max-inlined-bytecode-size=60'],
    ['unrelated flags', ['--max-old-space-size=512'], '--enable-source-maps', '--max-inlined-bytecode-size=60'],
    ['an inlining flag on the command line', ['--no-turbo-inlining'], undefined, undefined],
    ['an inlining flag in NODE_OPTIONS', [], '--max-inlined-bytecode-size=460', undefined],
  ])('with %s', (_, execArgv, nodeOptions, expected) => {
    // Act
    const flag = inliningFlag(execArgv, nodeOptions);

    // Assert
    expect(flag).toBe(expected);
  });
});
