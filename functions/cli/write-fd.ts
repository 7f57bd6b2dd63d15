/**
 * The CLI's output, written to file descriptors 1 and 2 directly. `process.stdout` costs about 4 ms at every
 * start when stdout is a pipe (Node loads its net and stream modules to build the stream), a tenth of what a
 * lint of a small template costs beyond Node's own start; `firelens` writes each report in one piece, so a
 * synchronous write is all it needs.
 */
import { writeSync } from 'node:fs';

const ONE_MILLISECOND = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text`. A pipe its reader made non-blocking answers EAGAIN when full: wait a millisecond and
 * go on. A reader that has gone (`firelens lint … | head -1`, EPIPE) gets nothing more, as with `cat`.
 */
export const writeAll = (fd: number, text: string): void => {
  let bytes = Buffer.from(text, 'utf8');
  while (bytes.length > 0) {
    try {
      bytes = bytes.subarray(writeSync(fd, bytes));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        return;
      }
      if (code !== 'EAGAIN') {
        throw error;
      }
      Atomics.wait(ONE_MILLISECOND, 0, 0, 1);
    }
  }
};
