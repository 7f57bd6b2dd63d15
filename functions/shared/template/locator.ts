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
