import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  DEFAULT_MAX_TEMPLATE_BYTES,
  maxBytesOption,
  readTemplateFile,
  TemplateFileError,
  TemplateTooLargeError,
} from '../../functions/cli/read-template';
import { TemplateParseError } from '../../functions/shared/errors';

describe('readTemplateFile', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'firelens-read-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads a file of exactly the cap as UTF-8 text', () => {
    // Arrange
    const path = join(dir, 'exact.yaml');
    writeFileSync(path, 'A: 1\n');

    // Act
    const text = readTemplateFile(path, 5);

    // Assert
    expect(text).toBe('A: 1\n');
  });

  it('refuses a file one byte over the cap', () => {
    // Arrange
    const path = join(dir, 'over.yaml');
    writeFileSync(path, 'A: 12\n');

    // Act
    const read = (): string => readTemplateFile(path, 5);

    // Assert
    expect(read).toThrow(TemplateTooLargeError);
    expect(read).toThrow('the file is larger than 5 bytes (--max-bytes), the most firelens reads');
  });

  it('reports a file over the cap as a template that cannot be read (FL0000)', () => {
    expect(new TemplateTooLargeError(1)).toBeInstanceOf(TemplateParseError);
  });

  it('reads a 100 KB file in full', () => {
    // Arrange
    const path = join(dir, 'grown.yaml');
    writeFileSync(path, `A: "${'x'.repeat(100_000)}"\n`);
    appendFileSync(path, 'B: 2\n');

    // Act
    const text = readTemplateFile(path);

    // Assert
    expect(text).toHaveLength(100_011);
  });

  it.each([
    ['a device', '/dev/zero', 'a device, not a regular file: firelens reads templates from files'],
    ['a directory', '.', 'a directory, not a regular file: firelens reads templates from files'],
  ])('refuses %s before reading it', (_what, path, message) => {
    expect(() => readTemplateFile(path)).toThrow(new TemplateFileError(message));
  });

  it('passes on the system error for a missing file', () => {
    expect(() => readTemplateFile(join(dir, 'missing.yaml'))).toThrow(expect.objectContaining({ code: 'ENOENT' }) as Error);
  });

  it('refuses bytes that are not UTF-8 with their position', () => {
    // Arrange
    const path = join(dir, 'latin1.yaml');
    writeFileSync(path, Buffer.from([0x41, 0x3a, 0x20, 0xe9, 0x0a]));

    // Act
    const read = (): string => readTemplateFile(path);

    // Assert
    expect(read).toThrow(TemplateParseError);
  });
});

describe('maxBytesOption', () => {
  it.each([
    [undefined, DEFAULT_MAX_TEMPLATE_BYTES],
    [['100'], 100],
    [['100', '7'], 7],
  ])('reads %p as %p', (values, expected) => {
    expect(maxBytesOption(values)).toBe(expected);
  });

  it.each([['0'], ['-1'], ['1e3'], ['abc'], ['99999999999999999999']])('refuses %p', (value) => {
    expect(maxBytesOption([value])).toEqual({ error: `--max-bytes takes a positive number of bytes, got "${value}"` });
  });
});
