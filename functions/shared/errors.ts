/** A template that cannot be read: bad YAML/JSON, duplicate keys, unknown short-form tags. */
export class TemplateParseError extends Error {
  public readonly line: number | undefined;
  public readonly column: number | undefined;

  public constructor(message: string, position?: { line: number; column: number }) {
    super(message);
    this.name = 'TemplateParseError';
    this.line = position?.line;
    this.column = position?.column;
  }
}

/** One user mistake, always tied to a resource and a property path. */
export interface Problem {
  /** Logical id of the resource the problem is in; undefined for template-level problems. */
  readonly logicalId?: string;
  /** Path from the template root, e.g. ['Resources', 'Task', 'Properties', 'FireLens', 'Router']. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** The expansion refused the template; carries every problem found, not just the first. */
export class ExpansionError extends Error {
  public readonly problems: readonly Problem[];

  public constructor(problems: readonly Problem[]) {
    super(formatProblems(problems));
    this.name = 'ExpansionError';
    this.problems = problems;
  }
}

/** `Task.Properties.FireLens.Router: message` — the logical id first, as SAM's errors read. */
export const formatProblemPath = (path: readonly (string | number)[]): string => {
  // `Resources` alone (the section itself is wrong) stays `Resources`.
  const rest = path[0] === 'Resources' && path.length > 1 ? path.slice(1) : path;
  return rest.map((p) => (typeof p === 'number' ? `[${String(p)}]` : clipKey(p))).join('.').replace(/\.\[/g, '[');
};

/** A key is user text of any length: a message shows at most 80 characters of one. */
const clipKey = (key: string): string => (key.length > 80 ? `${key.slice(0, 79)}…` : key);

export const formatProblems = (problems: readonly Problem[]): string => {
  const lines = problems.map((p) => `${formatProblemPath(p.path)}: ${p.message}`);
  const head = problems.length === 1 ? '1 problem' : `${String(problems.length)} problems`;
  return `FireLens: ${head}: ${lines.join('; ')}`;
};
