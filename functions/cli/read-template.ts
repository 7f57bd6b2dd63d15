/**
 * Reading a template file for `firelens lint` and `firelens expand`, bounded: a FIFO, a device or a
 * directory is refused before a byte is read (`firelens lint /dev/zero` would otherwise read forever), and
 * a file larger than the cap (5 MiB by default, as the hook's payload limit) is refused without reading it.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

import { TemplateParseError } from '../shared/errors';
import { decodeTemplateBytes } from '../shared/template/decode';

/** 5 MiB, the hook's default payload limit (HOOK_PAYLOAD_MAX_BYTES); CloudFormation itself takes 1 MB from S3. */
export const DEFAULT_MAX_TEMPLATE_BYTES = 5 * 1024 * 1024;

/** A file that is not a template to read at all: the CLI says so and exits 32, whatever else it found. */
export class TemplateFileError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'TemplateFileError';
  }
}

/**
 * A template over the size cap: reported as an unreadable template (FL0000) and, like a file that cannot
 * be read, with exit code 32.
 */
export class TemplateTooLargeError extends TemplateParseError {
  public constructor(maxBytes: number) {
    super(`the file is larger than ${String(maxBytes)} bytes (--max-bytes), the most firelens reads`);
    this.name = 'TemplateTooLargeError';
  }
}

const describeKind = (stat: {
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isDirectory(): boolean;
}): string =>
  stat.isFIFO()
    ? 'a FIFO (named pipe)'
    : stat.isCharacterDevice() || stat.isBlockDevice()
      ? 'a device'
      : stat.isDirectory()
        ? 'a directory'
        : 'not a regular file';

/**
 * The file's bytes, read until its end into a buffer sized from fstat and grown while the file grows, but
 * never past `maxBytes + 1`: one byte more than allowed tells a file that grew past the cap after fstat.
 */
const readAtMost = (fd: number, expected: number, maxBytes: number): Buffer => {
  let buffer = Buffer.allocUnsafe(Math.min(expected, maxBytes) + 1);
  let length = 0;
  for (
    let read = readSync(fd, buffer, 0, buffer.length, null);
    read > 0;
    read = readSync(fd, buffer, length, buffer.length - length, null)
  ) {
    length += read;
    if (length === buffer.length) {
      if (length > maxBytes) {
        throw new TemplateTooLargeError(maxBytes);
      }
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
  }
  return buffer.subarray(0, length);
};

/**
 * The file's text. Throws {@link TemplateFileError} for what is not a regular file,
 * {@link TemplateTooLargeError} past `maxBytes`, a TemplateParseError when the bytes are not UTF-8,
 * and the system's error when it cannot be opened.
 */
export const readTemplateFile = (path: string, maxBytes = DEFAULT_MAX_TEMPLATE_BYTES): string => {
  // O_NONBLOCK: opening a FIFO must not wait for a writer before fstat can refuse it.
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      throw new TemplateFileError(`${describeKind(stat)}, not a regular file: firelens reads templates from files`);
    }
    if (stat.size > maxBytes) {
      throw new TemplateTooLargeError(maxBytes);
    }
    return decodeTemplateBytes(readAtMost(fd, stat.size, maxBytes));
  } finally {
    closeSync(fd);
  }
};

/** `--max-bytes N` (the last one given): a positive whole number of bytes, the default when absent. */
export const maxBytesOption = (values: readonly string[] | undefined): number | { readonly error: string } => {
  const value = values?.at(-1);
  if (value === undefined) {
    return DEFAULT_MAX_TEMPLATE_BYTES;
  }
  const bytes = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : { error: `--max-bytes takes a positive number of bytes, got "${value}"` };
};
