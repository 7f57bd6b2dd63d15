import { cutText, formatProblemPath, type Problem, QUOTED_TEXT_LIMIT } from '../errors';
import { isIntrinsic, isObject, literalInteger } from '../template/intrinsics';
import type { TemplatePath } from '../template/locator';
import { type FieldSpec, LOG_GROUP_NAME, type ObjectSpec } from './property-schema';

/**
 * Checks a raw value against its FieldSpec and returns every problem, each with its path. Values that
 * are intrinsic functions are accepted wherever the spec says `intrinsic` (they are resolved at deploy).
 */
export const validateField = (value: unknown, spec: FieldSpec, path: TemplatePath, logicalId: string): Problem[] => {
  const problem = (message: string, at: TemplatePath = path): Problem => ({ logicalId, path: at, message });
  const intrinsicAllowed = 'intrinsic' in spec && spec.intrinsic === true;
  if (isIntrinsic(value)) {
    // Lists and log groups pass through as written; options are merged key by key, so they must be literal.
    if (spec.kind === 'list' && spec.literal === true) {
      return [problem('must be a literal list, not an intrinsic function: the macro reads each item (an item may be an intrinsic)')];
    }
    return intrinsicAllowed || spec.kind === 'list' || spec.kind === 'string-or-false'
      ? []
      : [problem(`must be a literal ${describeKind(spec)}, not an intrinsic function (the macro needs to read it)`)];
  }
  switch (spec.kind) {
    case 'string':
      return validateString(value, spec, problem);
    case 'integer':
      return validateInteger(value, spec, problem);
    case 'boolean':
      return typeof value === 'boolean' ? [] : [problem('must be true or false')];
    case 'string-or-false':
      return validateLogGroupName(value, problem);
    case 'options':
      return validateOptions(value, path, problem);
    case 'string-list':
      return Array.isArray(value)
        ? value.flatMap((item, i) => (typeof item === 'string' ? [] : [problem('must be a container name (a string)', [...path, i])]))
        : [problem('must be a list of container names')];
    case 'list':
      return Array.isArray(value)
        ? value.flatMap((item, i) => validateField(item, spec.items, [...path, i], logicalId))
        : [problem('must be a list')];
    case 'object':
      return validateObject(value, spec, path, logicalId);
  }
};

const describeKind = (spec: FieldSpec): string => {
  switch (spec.kind) {
    case 'string-list':
      return 'list of strings';
    case 'string-or-false':
      return 'string';
    case 'options':
      return 'map of option names to values';
    case 'boolean':
    case 'integer':
    case 'list':
    case 'object':
    case 'string':
      return spec.kind;
  }
};

const validateString = (value: unknown, spec: Extract<FieldSpec, { kind: 'string' }>, problem: (message: string) => Problem): Problem[] => {
  if (typeof value !== 'string') {
    return [problem(spec.enum ? `must be one of ${spec.enum.join(', ')}` : 'must be a string')];
  }
  if (spec.enum && !spec.enum.includes(value)) {
    const near = nearest(value, spec.enum);
    return [problem(`must be one of ${spec.enum.join(', ')}, not "${quote(value)}"${near ? ` (did you mean "${near}"?)` : ''}`)];
  }
  if (spec.pattern && !spec.pattern.test(value)) {
    return [problem(`"${quote(value)}" does not match ${String(spec.pattern)}`)];
  }
  return [];
};

const validateLogGroupName = (value: unknown, problem: (message: string) => Problem): Problem[] => {
  if (value === false) {
    return [];
  }
  if (typeof value !== 'string') {
    return [problem('must be a log group name, an intrinsic function, or false')];
  }
  return LOG_GROUP_NAME.test(value)
    ? []
    : [problem(`"${quote(value)}" is not a log group name (1–512 of letters, digits and . - _ / #; the name, not the ARN)`)];
};

const validateInteger = (
  value: unknown,
  spec: Extract<FieldSpec, { kind: 'integer' }>,
  problem: (message: string) => Problem,
): Problem[] => {
  const n = literalInteger(value);
  if (n === undefined) {
    return [problem(`must be an integer from ${String(spec.minimum)} to ${String(spec.maximum)}`)];
  }
  if (n < spec.minimum || n > spec.maximum) {
    return [problem(`must be an integer from ${String(spec.minimum)} to ${String(spec.maximum)}, not ${String(n)}`)];
  }
  if (spec.enum !== undefined && !spec.enum.includes(n)) {
    const closest = spec.enum.reduce((best, v) => (Math.abs(v - n) < Math.abs(best - n) ? v : best));
    return [problem(`must be one of ${spec.enum.join(', ')}, not ${String(n)} (did you mean ${String(closest)}?)`)];
  }
  return [];
};

const validateOptions = (value: unknown, path: TemplatePath, problem: (message: string, at?: TemplatePath) => Problem): Problem[] => {
  if (!isObject(value)) {
    return [problem('must be a map of option names to values')];
  }
  return Object.entries(value).flatMap(([key, v]) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || isIntrinsic(v)
      ? []
      : [problem('must be a string, a number, a boolean or an intrinsic function', [...path, key])],
  );
};

const validateObject = (value: unknown, spec: ObjectSpec, path: TemplatePath, logicalId: string): Problem[] => {
  const problem = (message: string, at: TemplatePath = path): Problem => ({ logicalId, path: at, message });
  if ((value === false && spec.allowFalse === true) || (typeof value === 'boolean' && spec.allowBoolean === true)) {
    return [];
  }
  if (!isObject(value)) {
    return [
      problem(
        spec.allowBoolean === true
          ? 'must be true, false or an object'
          : spec.allowFalse === true
            ? 'must be an object or false'
            : 'must be an object',
      ),
    ];
  }
  const known = Object.keys(spec.fields);
  const problems: Problem[] = [];
  for (const key of Object.keys(value)) {
    const field = spec.fields[key];
    if (field === undefined) {
      const near = nearest(key, known);
      problems.push(problem(`unknown property${near ? ` (did you mean "${near}"?)` : ''}; allowed: ${known.join(', ')}`, [...path, key]));
    } else {
      problems.push(...validateField(value[key], field, [...path, key], logicalId));
    }
  }
  for (const key of spec.required ?? []) {
    if (!(key in value)) {
      problems.push(problem(`${key} is required`));
    }
  }
  if (spec.exactlyOne) {
    const present = spec.exactlyOne.filter((key) => key in value);
    if (present.length !== 1) {
      problems.push(
        problem(
          present.length === 0
            ? `needs exactly one of ${spec.exactlyOne.join(', ')}`
            : `takes exactly one of ${spec.exactlyOne.join(', ')}, found ${present.join(' and ')}`,
        ),
      );
    }
  }
  problems.push(...atMostOneProblems(value, spec, path, logicalId));
  return problems;
};

/** Each key after the first of an `atMostOne` group is refused at its own path, naming the one it conflicts with. */
const atMostOneProblems = (
  value: Readonly<Record<string, unknown>>,
  spec: ObjectSpec,
  path: TemplatePath,
  logicalId: string,
): Problem[] => {
  const present = (spec.atMostOne ?? []).filter((key) => key in value);
  const [first, ...others] = present;
  return others.map((key) => ({
    logicalId,
    path: [...path, key],
    message: `cannot be set together with ${first ?? ''} (${formatProblemPath([...path, first ?? ''])}); use one of ${present.join(', ')}`,
  }));
};

/** A user's value inside a message: at most 80 characters of it, so a 1 MB string is not echoed back. */
const quote = (value: string): string => cutText(value, QUOTED_TEXT_LIMIT);

/** The candidate closest to `word` (case-insensitive edit distance ≤ 2, or ≤ a third of its length). */
const nearest = (word: string, candidates: readonly string[]): string | undefined => {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // The distance is at least the difference in length: skip the quadratic work when that is too far.
    if (Math.abs(word.length - candidate.length) > limit) {
      continue;
    }
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= limit ? best : undefined;
};

/** Optimal string alignment distance: as Levenshtein, and a swap of neighbours ("Nmae" → "Name") is one edit. */
const editDistance = (a: string, b: string): number => {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(d);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
};
