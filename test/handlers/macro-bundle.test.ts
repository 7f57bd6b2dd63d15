import { join } from 'node:path';

import { build } from 'esbuild';

/**
 * The macro is sent an object and never reads text: its bundle must not carry the YAML parser (115 KiB
 * minified, most of its cold start), which the pipeline's text loading would pull in.
 */
describe('the macro bundle', () => {
  it('includes neither the yaml library nor the template loader', async () => {
    // Act
    const result = await build({
      entryPoints: [join(__dirname, '..', '..', 'functions', 'macro', 'handler.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      metafile: true,
      outfile: 'handler.js',
      logLevel: 'silent',
    });

    // Assert
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.endsWith('functions/shared/pipeline/core.ts'))).toBe(true);
    expect(inputs.filter((path) => path.includes('node_modules/yaml/') || path.endsWith('template/load.ts'))).toEqual([]);
  });
});
