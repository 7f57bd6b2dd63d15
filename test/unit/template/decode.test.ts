import { TemplateParseError } from '../../../functions/shared/errors';
import { decodeTemplateBytes } from '../../../functions/shared/template/decode';

const decodeError = (bytes: Uint8Array): TemplateParseError => {
  try {
    decodeTemplateBytes(bytes);
  } catch (error) {
    if (error instanceof TemplateParseError) {
      return error;
    }
    throw error;
  }
  throw new Error('decodeTemplateBytes accepted the bytes');
};

describe('decodeTemplateBytes', () => {
  it('decodes UTF-8 and drops a UTF-8 byte order mark', () => {
    expect(decodeTemplateBytes(Buffer.from('\ufeffA: "é ✓"\n', 'utf8'))).toBe('A: "é ✓"\n');
  });

  it('names UTF-16 by its byte order mark', () => {
    const error = decodeError(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A: 1\n', 'utf16le')]));

    expect(error).toMatchObject({ message: expect.stringMatching(/UTF-16.*save it as UTF-8/) as unknown, line: 1, column: 1 });
  });

  it.each([
    ['a lone 0xFF', [0x41, 0x3a, 0x0a, 0x42, 0x3a, 0x20, 0xff], 6, 'FF', 2, 4],
    ['a truncated two-byte sequence', [0x41, 0x3a, 0x20, 0xc3, 0x28], 3, 'C3', 1, 4],
    ['a truncated sequence that starts like U+FFFD', [0x41, 0x3a, 0x20, 0xef, 0xbf, 0x41], 3, 'EF', 1, 4],
    ['Latin-1 after valid UTF-8', [...Buffer.from('A: é\nB: '), 0xe9, 0x0a], 9, 'E9', 2, 4],
  ])('points at the first byte that is not UTF-8: %s', (_name, bytes, offset, hex, line, column) => {
    const error = decodeError(Uint8Array.from(bytes));

    expect(error.message).toBe(
      `byte ${String(offset)} (0x${hex}) is not valid UTF-8; CloudFormation templates are UTF-8 text (is this a binary file, or another encoding?)`,
    );
    expect(error).toMatchObject({ line, column });
  });
});
