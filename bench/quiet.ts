/**
 * The handlers log one line per request (Powertools Logger on stdout). The bench keeps that cost but
 * drops the text, so the table stays readable: stdout's write is replaced while `fn` runs.
 */
export const quietly = async <T>(fn: () => Promise<T>): Promise<T> => {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = () => true;
  try {
    return await fn();
  } finally {
    process.stdout.write = write;
  }
};

/** The synchronous form, for expandMacroEvent. */
export const quietlySync = <T>(fn: () => T): T => {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = () => true;
  try {
    return fn();
  } finally {
    process.stdout.write = write;
  }
};
