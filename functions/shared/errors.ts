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

/**
 * `Task.Properties.FireLens.Router`: the logical id first, as SAM's errors read, each key cut to
 * QUOTED_TEXT_LIMIT. The form of the macro's user errors (`failure` messages, `firelens expand`);
 * findings of rules and the hook show their path with `pathString` (template/locator.ts) instead.
 */
export const formatProblemPath = (path: readonly (string | number)[]): string => {
  // `Resources` alone (the section itself is wrong) stays `Resources`.
  const rest = path[0] === 'Resources' && path.length > 1 ? path.slice(1) : path;
  return rest
    .map((p) => (typeof p === 'number' ? `[${String(p)}]` : cutText(p, QUOTED_TEXT_LIMIT)))
    .join('.')
    .replace(/\.\[/g, '[');
};

/**
 * How much of one piece of user text (a key, a value) a message quotes: a template may hold megabytes
 * of it, and a message must not echo that back.
 */
export const QUOTED_TEXT_LIMIT = 80;

/** Cuts to at most `limit` UTF-16 units, ending in "…", without splitting a surrogate pair. */
export const cutText = (text: string, limit: number): string => {
  if (text.length <= limit) {
    return text;
  }
  if (limit <= 0) {
    return '';
  }
  let out = '';
  for (const char of text) {
    if (out.length + char.length > limit - 1) {
      break;
    }
    out += char;
  }
  return `${out}…`;
};

export const formatProblems = (problems: readonly Problem[]): string => {
  const lines = problems.map((p) => `${formatProblemPath(p.path)}: ${p.message}`);
  const head = problems.length === 1 ? '1 problem' : `${String(problems.length)} problems`;
  return `FireLens: ${head}: ${lines.join('; ')}`;
};
