// Bundles the CLI (functions/cli/main.ts) into dist/firelens.cjs with esbuild, so `firelens` runs on
// plain Node without a TypeScript loader. `npm ci` runs this through the `prepare` script; bin/firelens.cjs
// also calls it when the bundle is missing or older than the sources.
import { build } from 'esbuild';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'dist/firelens.cjs');

// Written beside the bundle, then renamed over it: `firelens` processes started together with a stale
// bundle each rebuild it, and none may require a bundle another is halfway through writing.
// Minified with a linked source map (dist/firelens.cjs.map): Node compiles a third of the bytes it did
// with the map inline, at every start. Both files are written under temporary names and renamed, map first.
export const buildCli = async () => {
  const result = await build({
    entryPoints: [join(root, 'functions/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    sourcemap: 'linked',
    write: false,
    // tinyglobby is required where it is used (cli/main.ts), so esbuild takes its CommonJS build, and no
    // module of the bundle asks for import.meta, which a CommonJS bundle lacks: esbuild would warn here.
    logLevel: 'warning',
  });
  const files = [...result.outputFiles].sort((a, b) => Number(b.path.endsWith('.map')) - Number(a.path.endsWith('.map')));
  // With `write: false` esbuild creates no folder: a fresh clone has no dist/ yet.
  mkdirSync(dirname(outfile), { recursive: true });
  for (const file of files) {
    const partial = `${file.path}.${String(process.pid)}.tmp`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
  return result;
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildCli();
}
