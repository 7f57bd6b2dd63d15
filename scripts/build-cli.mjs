// Bundles the CLI (functions/cli/main.ts) into dist/firelens.cjs with esbuild, so `firelens` runs on
// plain Node without a TypeScript loader. `npm ci` runs this through the `prepare` script; bin/firelens.cjs
// also calls it when the bundle is missing or older than the sources.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const buildCli = () =>
  build({
    entryPoints: [join(root, 'functions/cli/main.ts')],
    outfile: join(root, 'dist/firelens.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
  });

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli();
}
