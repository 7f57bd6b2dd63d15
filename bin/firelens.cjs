#!/usr/bin/env node
'use strict';
// Entry of the `firelens` command. Runs the esbuild bundle of functions/cli/main.ts, rebuilding it
// first when it is missing or older than any source file (a fresh clone, or a developer's edit).
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const bundle = join(root, 'dist', 'firelens.cjs');

const newestSource = (dir) => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
};

const isStale = () => {
  if (!existsSync(bundle)) return true;
  if (!existsSync(join(root, 'functions'))) return false; // installed package without sources
  return statSync(bundle).mtimeMs < newestSource(join(root, 'functions'));
};

if (isStale()) {
  if (!existsSync(join(root, 'scripts', 'build-cli.mjs'))) {
    process.stderr.write(`firelens: ${bundle} is missing and there are no sources to build it from; reinstall the package\n`);
    process.exit(70);
  }
  // Loaded here only: node:child_process (with net and stream) costs about 2 ms at every start.
  const built = require('node:child_process').spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
// Node 22.1 and later keep V8's compiled code of what `require` loads between runs; older Nodes lack the
// call. The bundle itself goes through load-bundle.cjs, whose cache also holds what the command compiled.
require('node:module').enableCompileCache?.();
void require('./load-bundle.cjs').loadBundle(bundle).main();
