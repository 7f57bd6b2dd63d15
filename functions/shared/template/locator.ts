/** Where a value sits in the source text (1-based, as editors and cfn-lint count). */
export interface SourceRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export type TemplatePath = readonly (string | number)[];

/**
 * `Resources/Task/Properties/ContainerDefinitions/0/PortMappings`: cfn-lint's `path_string`, the form
 * findings show their path in (CLI formatters when there is no line, hook messages and annotations).
 * Macro error messages use {@link formatProblemPath} from `../errors` instead (SAM's `Task.Properties.X[0]`).
 */
export const pathString = (path: TemplatePath): string => path.map(String).join('/');

/** Maps a path in the parsed template to its place in the source; undefined when unknown. */
export type Locator = (path: TemplatePath) => SourceRange | undefined;

/** For templates that came without source text (a hook's resource properties, a macro fragment). */
export const noLocation: Locator = () => undefined;

/** A path segment as a list index: a number, or a string that is one written plainly (`"1"`, not `"01"`); else -1. */
export const seqIndex = (segment: string | number): number =>
  typeof segment === 'number' ? segment : String(Number(segment)) === segment ? Number(segment) : -1;

/** Offsets of each line's first character, for a binary search from offset to line. */
export const lineStarts = (text: string): number[] => {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    starts.push(i + 1);
  }
  return starts;
};

/** The 1-based line and column of an offset, given the text's {@link lineStarts}. */
export const linePosition = (starts: readonly number[], offset: number): { line: number; column: number } => {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
};
