import { TemplateParseError } from '../errors';

/**
 * Template bytes → text. CloudFormation reads templates as UTF-8, so anything else is refused with
 * where it goes wrong, instead of being decoded with U+FFFD replacement characters (which would
 * silently change the template). A UTF-8 byte order mark is dropped; a UTF-16 one is named.
 */
export const decodeTemplateBytes = (bytes: Uint8Array): string => {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new TemplateParseError('the template is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8', {
      line: 1,
      column: 1,
    });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidByte(bytes);
    const hex = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    throw new TemplateParseError(
      `byte ${String(offset)} (0x${hex}) is not valid UTF-8; CloudFormation templates are UTF-8 text (is this a binary file, or another encoding?)`,
      bytePosition(bytes, offset),
    );
  }
};

/**
 * The lossy decoding re-encodes to the same bytes up to the first invalid sequence, where it has
 * U+FFFD (EF BF BD) instead: the first difference is the first bad byte, or up to two bytes after it
 * when the bad sequence itself began with EF BF.
 */
const firstInvalidByte = (bytes: Uint8Array): number => {
  const lossy = new TextEncoder().encode(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes));
  let i = 0;
  while (i < bytes.length && lossy[i] === bytes[i]) {
    i += 1;
  }
  for (const back of [2, 1]) {
    if (i >= back && lossy[i - back] === 0xef && lossy[i - back + 1] === 0xbf && lossy[i - back + 2] === 0xbd) {
      return i - back;
    }
  }
  return Math.min(i, bytes.length - 1);
};

/** Line and column (in characters, 1-based) of a byte offset whose line so far is valid UTF-8. */
const bytePosition = (bytes: Uint8Array, offset: number): { line: number; column: number } => {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i += 1) {
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  }
  return { line, column: new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset)).length + 1 };
};
