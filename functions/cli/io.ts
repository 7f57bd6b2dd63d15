/**
 * What a CLI command may touch; tests pass fakes, main.ts passes the process. The optional members have
 * safe defaults for in-process fakes: no `cwd` means no config-file discovery and no glob expansion, no
 * `isTty` means no colour, no `env` means an empty environment, no `writeFile` means `--output-file` fails.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * The file as text; throws a TemplateParseError when its bytes are not UTF-8 (a TemplateTooLargeError past
   * `maxBytes`) and a TemplateFileError when it is not a regular file (read-template.ts).
   */
  readonly readFile: (path: string, options?: { readonly maxBytes?: number }) => string;
  /** Writes (replaces) a UTF-8 text file. */
  readonly writeFile?: (path: string, text: string) => void;
  /** The directory relative paths, globs and the config-file search start from. */
  readonly cwd?: string;
  /** Whether stdout is a terminal (colour is used only then). */
  readonly isTty?: boolean;
  /** The environment (`NO_COLOR`, `FORCE_COLOR`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The files matching the glob patterns, relative to `cwd`, sorted. */
  readonly glob?: (patterns: readonly string[], cwd: string) => string[];
}

/** A sub-command: takes its own arguments (after the command name) and returns the exit code. */
export type Command = (args: readonly string[], io: CliIo) => Promise<number> | number;

/** Exit code for a usage mistake or a file that cannot be read (cfn-lint uses 32 for "fatal"). */
export const EXIT_USAGE = 32;

/** `firelens lint: unknown option --x` and a one-line hint to the command's help, on stderr; exit 32. */
export const usageError = (io: CliIo, command: string, message: string): number => {
  io.stderr(`${command}: ${message}\nRun "${command} --help" for usage.\n`);
  return EXIT_USAGE;
};

/** Whether the error a file system call threw says that the file is not there. */
export const isMissingFile = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** The message of anything thrown (errors from node:fs are not `instanceof Error` in every realm, such as Jest's). */
export const errorMessage = (error: unknown): string => {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
};
