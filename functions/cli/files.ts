/** Template arguments: plain paths are taken as given; glob patterns are expanded through `io.glob`. */
import type { CliIo } from './io';

const GLOB_CHARS = /[*?[\]{}]/;

/** The files to lint, in argument order, each once; or the first pattern that matched nothing. */
export const expandTemplateArgs = (args: readonly string[], io: CliIo): { files: string[] } | { error: string } => {
  const files: string[] = [];
  for (const arg of args) {
    if (!GLOB_CHARS.test(arg) || io.glob === undefined || io.cwd === undefined) {
      files.push(arg);
      continue;
    }
    const matches = io.glob([arg], io.cwd);
    if (matches.length === 0) {
      return { error: `no template matches the pattern "${arg}"` };
    }
    files.push(...matches);
  }
  return { files: [...new Set(files)] };
};

/** Colour for a report written to a terminal: `NO_COLOR` (non-empty) turns it off, `FORCE_COLOR` on (https://no-color.org). */
export const useColour = (io: CliIo, toFile: boolean): boolean => {
  const env = io.env ?? {};
  if (toFile || (env['NO_COLOR'] ?? '') !== '') {
    return false;
  }
  const force = env['FORCE_COLOR'];
  if (force !== undefined) {
    return force !== '0' && force !== 'false';
  }
  return io.isTty === true;
};
