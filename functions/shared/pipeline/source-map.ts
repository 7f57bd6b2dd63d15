/**
 * From a path in the macro's output to the path of what the user wrote, so that findings and refusals
 * on an expanded template name the user's property and line (the router the macro inserts first would
 * otherwise shift every container index by one). A path the user wrote maps to itself; a generated
 * value maps to the `FireLens` setting that produced it.
 */
import type { ExpansionPlan, PlanSources } from '../firelens/types';
import { isObject, type Json, type JsonObject } from '../template/intrinsics';
import type { TemplatePath } from '../template/locator';

export type SourceMap = (path: TemplatePath) => TemplatePath;

export const identitySourceMap: SourceMap = (path) => path;

/** awsfirelens options the macro writes from a FireLens field of the same route, not from `Options`. */
const ROUTE_FIELD_OF_OPTION: Readonly<Record<string, string>> = {
  'log-driver-buffer-limit': 'BufferLimit',
  'include-pattern': 'IncludePattern',
  'exclude-pattern': 'ExcludePattern',
};

interface PlanOrigin {
  readonly taskId: string;
  readonly sources: PlanSources;
}

/** The source map of one expansion: `original` is the template (or fragment) the macro was given. */
export const buildSourceMap = (original: JsonObject, plans: readonly ExpansionPlan[]): SourceMap => {
  const byTask = new Map<string, PlanOrigin>(plans.map((p) => [p.logicalId, { taskId: p.logicalId, sources: p.sources }]));
  const byGenerated = new Map<string, PlanOrigin>();
  for (const plan of plans) {
    for (const { logicalId } of plan.resources) {
      byGenerated.set(logicalId, { taskId: plan.logicalId, sources: plan.sources });
    }
  }
  return (path) => {
    const id = path[0] === 'Resources' ? path[1] : undefined;
    if (typeof id !== 'string') {
      return path;
    }
    const generatedBy = byGenerated.get(id);
    if (generatedBy !== undefined) {
      return generatedBy.sources.fireLens;
    }
    const task = byTask.get(id);
    return task === undefined ? path : taskSourcePath(original, task, path);
  };
};

/** A path inside an expanded task definition, mapped back. */
const taskSourcePath = (original: JsonObject, task: PlanOrigin, path: TemplatePath): TemplatePath => {
  const { sources } = task;
  const index = path[2] === 'Properties' && path[3] === 'ContainerDefinitions' ? path[4] : undefined;
  if (typeof index !== 'number') {
    return writtenOrFireLens(original, path, sources);
  }
  const origin = sources.containers[index];
  if (origin === undefined) {
    // The log router the macro generated: what the user wrote about it is FireLens.Router.
    return deepestWritten(original, [...sources.fireLens, 'Router']);
  }
  const containerPath = [...path.slice(0, 4), origin];
  const tail = path.slice(5);
  const routePath = sources.routes.get(origin);
  if (routePath !== undefined && isGeneratedByRoute(original, containerPath, tail)) {
    return tail[0] === 'LogConfiguration' ? routeSourcePath(original, routePath, sources.fireLens, tail) : routePath;
  }
  return writtenOrFireLens(original, [...containerPath, ...tail], sources);
};

/** The LogConfiguration of a routed container, and the DependsOn entries the macro appended, come from its route. */
const isGeneratedByRoute = (original: JsonObject, containerPath: TemplatePath, tail: TemplatePath): boolean => {
  if (tail[0] === 'LogConfiguration') {
    return true;
  }
  return tail[0] === 'DependsOn' && tail.length > 1 && valueAt(original, [...containerPath, ...tail.slice(0, 2)]) === undefined;
};

/**
 * Inside a generated LogConfiguration: an option the user wrote in the destination's `Options` (or a
 * SecretOptions list) maps to where they wrote it; a buffer limit or pattern to its FireLens field; the
 * rest to the destination. A container's own FireLens that does not name a destination inherits the task's.
 */
const routeSourcePath = (original: JsonObject, routePath: TemplatePath, taskFireLens: TemplatePath, tail: TemplatePath): TemplatePath => {
  const option = tail[1] === 'Options' && typeof tail[2] === 'string' ? tail[2] : undefined;
  const routeField = option === undefined ? undefined : ROUTE_FIELD_OF_OPTION[option.toLowerCase()];
  const candidates: TemplatePath[] = [];
  for (const fireLens of routePath === taskFireLens ? [routePath] : [routePath, taskFireLens]) {
    const destination = destinationPath(original, fireLens);
    if (routeField !== undefined) {
      candidates.push([...fireLens, routeField]);
    } else if (destination !== undefined && option !== undefined) {
      candidates.push([...destination, 'Options', option], destination);
    } else if (destination !== undefined && tail[1] === 'SecretOptions') {
      candidates.push([...destination, ...tail.slice(1)], destination);
    } else if (destination !== undefined) {
      candidates.push(destination);
    }
  }
  const written = candidates.find((candidate) => valueAt(original, candidate) !== undefined);
  return written ?? routePath;
};

/** `FireLens.Destination.<Kind>`, when the FireLens property at `fireLens` names one. */
const destinationPath = (original: JsonObject, fireLens: TemplatePath): TemplatePath | undefined => {
  const destination = valueAt(original, [...fireLens, 'Destination']);
  const kind = isObject(destination) ? Object.keys(destination)[0] : undefined;
  return kind === undefined ? undefined : [...fireLens, 'Destination', kind];
};

/** Keys the macro adds to a task definition itself (a role it creates, the policies it waits for). */
const GENERATED_TASK_KEYS: ReadonlySet<string> = new Set(['TaskRoleArn', 'ExecutionRoleArn']);

/**
 * A path the user wrote, or one they did not but whose place is clear (a Memory the rule wants), stays as it
 * is; a role or resource DependsOn that only the macro wrote comes from the task's FireLens property.
 */
const writtenOrFireLens = (original: JsonObject, path: TemplatePath, sources: PlanSources): TemplatePath => {
  if (valueAt(original, path) !== undefined) {
    return path;
  }
  const addedRole = path[2] === 'Properties' && typeof path[3] === 'string' && GENERATED_TASK_KEYS.has(path[3]);
  return addedRole || path[2] === 'DependsOn' ? sources.fireLens : path;
};

/** The longest prefix of `path` that exists in the template as written. */
const deepestWritten = (original: JsonObject, path: TemplatePath): TemplatePath => {
  let value: Json | undefined = original;
  for (let depth = 0; depth < path.length; depth += 1) {
    value = child(value, path[depth]);
    if (value === undefined) {
      return path.slice(0, depth);
    }
  }
  return path;
};

const valueAt = (original: JsonObject, path: TemplatePath): Json | undefined => {
  let value: Json | undefined = original;
  for (const key of path) {
    value = child(value, key);
    if (value === undefined) {
      return undefined;
    }
  }
  return value;
};

const child = (value: Json | undefined, key: string | number | undefined): Json | undefined => {
  if (Array.isArray(value) && typeof key === 'number') {
    return value[key];
  }
  return isObject(value) && typeof key === 'string' && Object.hasOwn(value, key) ? value[key] : undefined;
};
