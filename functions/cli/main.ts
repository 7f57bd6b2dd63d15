import { expandCommand } from './expand-command';
import { type CliIo, type Command, EXIT_USAGE } from './io';
import { lintCommand } from './lint-command';
import { readTemplateFile } from './read-template';
import { rulesCommand } from './rules-command';
import { schemaCommand } from './schema-command';

/** Every sub-command, by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  expand: expandCommand,
  lint: lintCommand,
  rules: rulesCommand,
  schema: schemaCommand,
};

const USAGE = `usage: firelens <command> [options]\ncommands: ${Object.keys(COMMANDS).join(', ')}\n`;

export const runCli = async (argv: readonly string[], io: CliIo): Promise<number> => {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout(USAGE);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    io.stderr(`unknown command "${name}"\n${USAGE}`);
    return EXIT_USAGE;
  }
  return command(rest, io);
};

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path, options) => readTemplateFile(path, options?.maxBytes),
};

/** The `firelens` executable (bin/firelens.cjs) calls this with the process's arguments. */
export const main = (): Promise<void> =>
  runCli(process.argv.slice(2), processIo).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`firelens: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    },
  );
