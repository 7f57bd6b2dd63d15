/**
 * The handlers log one line per request (Powertools Logger: stdout, errors on stderr). The bench keeps that
 * cost but drops the text, so the table stays readable: both streams' write is replaced while `fn` runs.
 */
const silence = (): (() => void) => {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = () => true;
  process.stderr.write = () => true;
  return () => {
    process.stdout.write = out;
    process.stderr.write = err;
  };
};

export const quietly = async <T>(fn: () => Promise<T>): Promise<T> => {
  const restore = silence();
  try {
    return await fn();
  } finally {
    restore();
  }
};

/** The synchronous form, for expandMacroEvent. */
export const quietlySync = <T>(fn: () => T): T => {
  const restore = silence();
  try {
    return fn();
  } finally {
    restore();
  }
};
