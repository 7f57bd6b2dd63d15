import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `firelens` writes its reports to file descriptors 1 and 2 directly (functions/cli/write-fd.ts), not through
 * process.stdout: the whole report arrives through a pipe however large, and a reader that stops early
 * (`| head -1`) ends the output quietly, with the lint's own exit code.
 */
const ROOT = join(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'firelens.cjs');

/** 300 FireLens tasks: their expansion is about 1 MB of JSON, their lint 600 lines of findings (mutable router tags). */
const largeTemplate = (): string => {
  const task = (i: number): string => `  Task${String(i)}:
    Type: AWS::ECS::TaskDefinition
    Properties:
      RequiresCompatibilities: [FARGATE]
      NetworkMode: awsvpc
      Cpu: '256'
      Memory: '512'
      ContainerDefinitions:
        - Name: app
          Image: public.ecr.aws/docker/library/nginx:1.27
      FireLens:
        Destination:
          CloudWatchLogs: {}
        Router: {Image: amazon/aws-for-fluent-bit:latest}
`;
  const path = join(mkdtempSync(join(tmpdir(), 'firelens-write-fd-')), 'large.yaml');
  writeFileSync(path, `Transform: FireLensMacro\nResources:\n${Array.from({ length: 300 }, (_, i) => task(i)).join('')}`);
  return path;
};
const LARGE = largeTemplate();

describe('the CLI output', () => {
  it('arrives whole through a pipe, past the pipe buffer', () => {
    // Act: the expansion as JSON, many times the 64 KiB a pipe buffers, read by a slow reader
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" expand "${LARGE}" --format json | (sleep 0.2; cat)`], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const direct = spawnSync(process.execPath, [BIN, 'expand', LARGE, '--format', 'json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });

    // Assert
    expect(direct.status).toBe(0);
    expect(run.stdout).toBe(direct.stdout);
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
  });

  it('stops quietly when the reader goes away, with the exit code of the lint', async () => {
    // Arrange: a report of many findings, whose reader reads one chunk and closes
    const child = spawn(process.execPath, [BIN, 'lint', LARGE, '--format', 'json']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());

    // Act
    const code = await new Promise<number | null>((resolveExit) => child.on('close', resolveExit));

    // Assert
    expect([code, stderr]).toEqual([4, '']);
  });
});
