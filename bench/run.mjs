#!/usr/bin/env node
// `npm run bench [-- --check] [--quick] [--cfn-lint]`: bundles each function exactly as `sam build` would (the esbuild
// Metadata of template.yaml, through scripts/sam-esbuild.mjs), rebuilds the CLI bundle, bundles
// bench/main.ts, and runs it with --expose-gc. Everything it writes goes to .bench/ (git-ignored).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli } from '../scripts/build-cli.mjs';
import { bundleSamFunction, readSamFunction } from '../scripts/sam-esbuild.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, '.bench');
const FUNCTIONS = ['FireLensMacroFunction', 'FireLensHookFunction'];

const bundles = {};
for (const id of FUNCTIONS) {
  bundles[id] = await bundleSamFunction(readSamFunction(join(root, 'template.yaml'), id), join(out, 'functions', id));
}
await buildCli();
await build({
  entryPoints: [join(root, 'bench/main.ts')],
  outfile: join(out, 'main.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});

const run = spawnSync(process.execPath, ['--expose-gc', join(out, 'main.cjs'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, BENCH_OUT: out, BENCH_FUNCTIONS: JSON.stringify(bundles) },
});
process.exit(run.status ?? 1);
