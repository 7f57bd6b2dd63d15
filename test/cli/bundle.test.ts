import { join } from 'node:path';

import { build } from 'esbuild';

/** `firelens lint` and `expand` start fast: the CLI bundle holds no AWS SDK (only the hook looks up ECS). */
describe('the CLI bundle', () => {
  it('includes no module of the AWS SDK', async () => {
    // Act
    const result = await build({
      entryPoints: [join(__dirname, '..', '..', 'functions', 'cli', 'main.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      outfile: 'firelens.cjs',
      logLevel: 'silent',
    });

    // Assert
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.length).toBeGreaterThan(10);
    expect(inputs.filter((path) => path.includes('@aws-sdk') || path.includes('@smithy'))).toEqual([]);
  });
});
