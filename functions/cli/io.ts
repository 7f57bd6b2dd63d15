/** What a CLI command may touch; tests pass fakes, main.ts passes the process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /**
   * The file as text; throws a TemplateParseError when its bytes are not UTF-8 (a TemplateTooLargeError past
   * `maxBytes`) and a TemplateFileError when it is not a regular file (read-template.ts).
   */
  readonly readFile: (path: string, options?: { readonly maxBytes?: number }) => string;
}

/** A sub-command: takes its own arguments (after the command name) and returns the exit code. */
export type Command = (args: readonly string[], io: CliIo) => Promise<number> | number;

/** Exit code for a usage mistake or a file that cannot be read (cfn-lint uses 32 for "fatal"). */
export const EXIT_USAGE = 32;
