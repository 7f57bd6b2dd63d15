import { fstatSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type * as Tty from 'node:tty';

import type * as Tinyglobby from 'tinyglobby';

import { expandCommand } from './expand-command';
import { explainCommand } from './explain-command';
import { PROGRAM_HELP } from './help';
import { type CliIo, type Command, EXIT_USAGE } from './io';
import { lintCommand } from './lint-command';
import { readTemplateFile } from './read-template';
import { rulesCommand } from './rules-command';
import { schemaCommand } from './schema-command';
import { FIRELENS_VERSION } from './version';
import { writeAll } from './write-fd';

/** Every sub-command, by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  expand: expandCommand,
  explain: explainCommand,
  lint: lintCommand,
  rules: rulesCommand,
  schema: schemaCommand,
};

const HINT = 'Run "firelens --help" for usage.\n';

export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h') {
    io.stdout(PROGRAM_HELP);
    return 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`${FIRELENS_VERSION}\n`);
    return 0;
  }
  if (name === undefined) {
    io.stderr(PROGRAM_HELP);
    return EXIT_USAGE;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr(`firelens: ${name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`}\n${HINT}`);
    return EXIT_USAGE;
  }
  return command(rest, io);
};

// Modules loaded on first use, not at every start (the bundle is CommonJS, where `require` is synchronous):
// most runs lint named files to a pipe. Loading node:tty costs about 2 ms, tinyglobby (with fdir and
// picomatch, which look for files at load) about 1 ms.

/** Only a character device can be a terminal: a pipe or a file is known not to be one without node:tty. */
const isTerminal = (fd: number): boolean => {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return fstatSync(fd).isCharacterDevice() && (require('node:tty') as typeof Tty).isatty(fd);
  } catch {
    return false; // a closed descriptor
  }
};

const tinyglobby = (): typeof Tinyglobby =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('tinyglobby') as typeof Tinyglobby;

/** The real file system and terminal, with relative paths taken from `cwd` (the process's by default). */
export const createNodeIo = (cwd: string = process.cwd()): CliIo => ({
  stdout: (text) => {
    writeAll(1, text);
  },
  stderr: (text) => {
    writeAll(2, text);
  },
  readFile: (path, options) => readTemplateFile(resolve(cwd, path), options?.maxBytes),
  writeFile: (path, text) => {
    writeFileSync(resolve(cwd, path), text, 'utf8');
  },
  cwd,
  // Asked only by the text report's colours.
  get isTty() {
    return isTerminal(1);
  },
  env: process.env,
  // node_modules is never a template folder; dot-folders are skipped, as shells skip them.
  glob: (patterns, from) =>
    tinyglobby()
      .globSync([...patterns], { cwd: from, onlyFiles: true, expandDirectories: false, ignore: ['**/node_modules/**'] })
      .sort(),
});

/** The `firelens` executable (bin/firelens.cjs) calls this with the process's arguments. */
export const main = (): Promise<void> =>
  runCli(process.argv.slice(2), createNodeIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`firelens: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    },
  );
