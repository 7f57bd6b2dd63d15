import { handler as macroHandler } from '../../functions/macro/handler';
import type { MacroResponse } from '../../functions/middleware/macro-response';
import { getAttTarget, isObject, type Json, type JsonObject } from '../../functions/shared/template/intrinsics';
import { createLambdaContext } from '../helpers/lambda-context';

/**
 * What the property tests share: calling the real middy handlers with their logs kept off the
 * console, and the "nothing lost" comparison of a macro's input and output.
 */

/**
 * Jest's 5 s default is for unit tests; a property runs hundreds of cases (its time is in its numRuns).
 * Generated templates carry Fn::If (IsProd), so each lint runs over two or more condition scenarios; on a
 * loaded 2-core machine the macro/rules/hook agreement property (six lints per case) passed 120 s.
 */
export const PROPERTY_TIMEOUT_MS = 300_000;

/** Keeps the functions' JSON logs (Powertools writes them to stdout) out of the test output. */
export const silenceLogs = (): void => {
  let spies: jest.SpyInstance[] = [];
  beforeAll(() => {
    spies = [
      jest.spyOn(process.stdout, 'write').mockImplementation(() => true),
      jest.spyOn(process.stderr, 'write').mockImplementation(() => true),
    ];
  });
  afterAll(() => {
    for (const spy of spies) {
      spy.mockRestore();
    }
  });
};

/** A template-level macro event as CloudFormation sends it (template-macros docs). */
const macroEvent = (fragment: JsonObject, requestId = 'prop-request'): JsonObject => ({
  region: 'eu-west-1',
  accountId: '111122223333',
  fragment,
  transformId: '111122223333::FireLensMacro',
  params: {},
  requestId,
  templateParameterValues: {},
});

/** The macro function through its real middy chain. */
export const invokeMacro = async (fragment: JsonObject, requestId?: string): Promise<MacroResponse> =>
  (await macroHandler(macroEvent(fragment, requestId), createLambdaContext())) as MacroResponse;

/**
 * True when the value is JSON as it is: null, booleans, finite numbers, strings, arrays and plain
 * objects, with no undefined, NaN, Infinity, functions or class instances anywhere in it.
 */
export const isPlainJson = (value: unknown): boolean => {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return true;
  }
  if (typeof value === 'number') {
    return Number.isFinite(value);
  }
  if (Array.isArray(value)) {
    return value.every(isPlainJson);
  }
  if (typeof value !== 'object') {
    return false;
  }
  const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  return (prototype === null || prototype.constructor?.name === 'Object') && Object.values(value).every(isPlainJson);
};

/** Structural equality of JSON values; key order and the realm objects were made in do not matter. */
const jsonEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return false;
  }
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return (
    aKeys.length === Object.keys(b).length &&
    aKeys.every((key) => Object.hasOwn(b, key) && jsonEqual((a as Record<string, unknown>)[key], bRecord[key]))
  );
};

/** Paths of `FireLens` keys left in task definitions (task level or on a container). */
export const fireLensLeftovers = (template: JsonObject): string[] => {
  const resources = template['Resources'];
  if (!isObject(resources)) {
    return [];
  }
  return Object.entries(resources).flatMap(([id, resource]) => {
    if (!isObject(resource) || resource['Type'] !== 'AWS::ECS::TaskDefinition' || !isObject(resource['Properties'])) {
      return [];
    }
    const properties = resource['Properties'];
    const containers = Array.isArray(properties['ContainerDefinitions']) ? properties['ContainerDefinitions'] : [];
    return [
      ...('FireLens' in properties ? [`${id}.Properties.FireLens`] : []),
      ...containers.flatMap((c, i) =>
        isObject(c) && 'FireLens' in c ? [`${id}.Properties.ContainerDefinitions[${String(i)}].FireLens`] : [],
      ),
    ];
  });
};

/** The logical ids a failure message may name: the input's resources and the ids the macro derives from tasks. */
export const resourceIds = (template: JsonObject): string[] => (isObject(template['Resources']) ? Object.keys(template['Resources']) : []);

// ---------------------------------------------------------------------------------------------
// "Nothing lost": what the macro may change, and nothing else
// ---------------------------------------------------------------------------------------------

/** Resource types the macro generates (README "Generated ids": log groups, roles, policies). */
const GENERATED_TYPES = new Set(['AWS::Logs::LogGroup', 'AWS::IAM::Role', 'AWS::IAM::Policy']);

const same = jsonEqual;

const show = (value: unknown): string => {
  // JSON.stringify returns undefined for undefined (and functions), whatever its declared type says.
  const text = JSON.stringify(value) as string | undefined;
  return (text ?? 'undefined').slice(0, 160);
};

/** Whether `after`'s keys that are also in `before` appear in `before`'s order. */
const keepsOrder = (before: readonly string[], after: readonly string[]): boolean => {
  const kept = after.filter((k) => before.includes(k));
  const expected = before.filter((k) => after.includes(k));
  return same(kept, expected);
};

const asList = (value: Json | undefined): Json[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

const expandedTaskIds = (input: JsonObject): Set<string> => {
  const resources = isObject(input['Resources']) ? input['Resources'] : {};
  return new Set(
    Object.entries(resources).flatMap(([id, r]) =>
      isObject(r) && r['Type'] === 'AWS::ECS::TaskDefinition' && isObject(r['Properties']) && 'FireLens' in r['Properties'] ? [id] : [],
    ),
  );
};

/**
 * Every difference between a macro's input and its successful output that the README does not allow.
 * Allowed (README, "What the expansion does"; functions/shared/firelens/expand.ts, emit.ts, roles.ts):
 * - the task-level and container-level `FireLens` keys of expanded task definitions go;
 * - new resources `<Task>FireLens…` (log groups, roles, policies) carrying the task's Condition;
 * - on an expanded task definition: `DependsOn` gains those generated policies (input entries kept first);
 *   `TaskRoleArn` / `ExecutionRoleArn` are set only where absent, to a generated role;
 * - its containers: a router prepended when no container has `FirelensConfiguration`; on each container
 *   `LogConfiguration` set only where absent, `DependsOn` entries on the router appended; on a router the
 *   user wrote, `StopTimeout` set only where absent.
 * Everything else (sections, resources, attributes, properties, key order) must come out deep-equal.
 */
export const preservationViolations = (written: JsonObject, expandedOutput: JsonObject): string[] => {
  const { input, output, problems } = resolveConditionalFireLens(written, expandedOutput);
  if (!same(Object.keys(output), Object.keys(input))) {
    problems.push(`top-level keys ${show(Object.keys(input))} became ${show(Object.keys(output))}`);
  }
  for (const key of Object.keys(input)) {
    if (key !== 'Resources' && !same(output[key], input[key])) {
      problems.push(`${key} changed: ${show(input[key])} → ${show(output[key])}`);
    }
  }
  const inResources = input['Resources'];
  const outResources = output['Resources'];
  if (!isObject(inResources) || !isObject(outResources)) {
    if (!same(inResources, outResources)) {
      problems.push('Resources changed');
    }
    return problems;
  }
  const expanded = expandedTaskIds(input);
  const newIds = Object.keys(outResources).filter((id) => !(id in inResources));
  if (!keepsOrder(Object.keys(inResources), Object.keys(outResources))) {
    problems.push('the order of the input resources changed');
  }
  for (const id of newIds) {
    problems.push(...checkGenerated(id, outResources[id], inResources, expanded));
  }
  for (const [id, before] of Object.entries(inResources)) {
    const after = outResources[id];
    if (after === undefined) {
      problems.push(`resource ${id} was dropped`);
    } else if (!expanded.has(id)) {
      if (!same(after, before)) {
        problems.push(`resource ${id} (not expanded) changed: ${show(before)} → ${show(after)}`);
      }
    } else if (isObject(before) && isObject(after)) {
      problems.push(...checkTask(id, before, after, new Set(newIds)));
    } else {
      problems.push(`resource ${id} is no longer an object`);
    }
  }
  return problems;
};

const checkGenerated = (id: string, resource: Json | undefined, inResources: JsonObject, expanded: ReadonlySet<string>): string[] => {
  // The longest matching task id: `TFireLensExecutionPolicyFireLensTaskRole` is the role of a task named
  // `TFireLensExecutionPolicy`, not of `T`.
  const owner = [...expanded]
    .filter((task) => id.startsWith(`${task}FireLens`))
    .reduce<string | undefined>((longest, task) => (longest === undefined || task.length > longest.length ? task : longest), undefined);
  if (owner === undefined) {
    return [`new resource ${id} is not named after an expanded task (<Task>FireLens…)`];
  }
  if (!isObject(resource) || typeof resource['Type'] !== 'string' || !GENERATED_TYPES.has(resource['Type'])) {
    return [`new resource ${id} has an unexpected type: ${show(isObject(resource) ? resource['Type'] : resource)}`];
  }
  const task = inResources[owner];
  const condition = isObject(task) ? task['Condition'] : undefined;
  return same(resource['Condition'], condition) ? [] : [`new resource ${id} does not carry ${owner}'s Condition ${show(condition)}`];
};

const checkTask = (id: string, before: JsonObject, after: JsonObject, newIds: ReadonlySet<string>): string[] => {
  const problems: string[] = [];
  for (const key of Object.keys(before)) {
    if (key !== 'Properties' && key !== 'DependsOn' && !same(after[key], before[key])) {
      problems.push(`${id}.${key} changed: ${show(before[key])} → ${show(after[key])}`);
    }
  }
  for (const key of Object.keys(after)) {
    if (!(key in before) && key !== 'DependsOn') {
      problems.push(`${id}.${key} was added`);
    }
  }
  if (!keepsOrder(Object.keys(before), Object.keys(after))) {
    problems.push(`${id}: attribute order changed`);
  }
  problems.push(
    ...checkAppended(`${id}.DependsOn`, before['DependsOn'], after['DependsOn'], (extra) => typeof extra === 'string' && newIds.has(extra)),
  );
  const inProps = isObject(before['Properties']) ? before['Properties'] : {};
  const outProps = isObject(after['Properties']) ? after['Properties'] : {};
  for (const key of Object.keys(inProps)) {
    if (key === 'FireLens' || key === 'ContainerDefinitions') {
      continue;
    }
    if (!same(outProps[key], inProps[key])) {
      problems.push(`${id}.Properties.${key} changed: ${show(inProps[key])} → ${show(outProps[key])}`);
    }
  }
  for (const key of Object.keys(outProps)) {
    if (key in inProps) {
      continue;
    }
    const target = getAttTarget(outProps[key]);
    const generatedRole =
      (key === 'TaskRoleArn' || key === 'ExecutionRoleArn') && target !== undefined && target[1] === 'Arn' && newIds.has(target[0]);
    if (!generatedRole) {
      problems.push(`${id}.Properties.${key} was added: ${show(outProps[key])}`);
    }
  }
  if ('FireLens' in outProps) {
    problems.push(`${id}.Properties.FireLens was kept`);
  }
  if (!keepsOrder(Object.keys(inProps), Object.keys(outProps))) {
    problems.push(`${id}.Properties: key order changed`);
  }
  problems.push(...checkContainers(id, inProps['ContainerDefinitions'], outProps['ContainerDefinitions']));
  return problems;
};

/** `after` is `before` (a list, or one value the macro may turn into a list) with allowed entries appended. */
const checkAppended = (where: string, before: Json | undefined, after: Json | undefined, allowed: (extra: Json) => boolean): string[] => {
  if (same(after, before)) {
    return [];
  }
  if (!Array.isArray(after)) {
    return [`${where} changed: ${show(before)} → ${show(after)}`];
  }
  const kept = asList(before);
  if (!same(after.slice(0, kept.length), kept)) {
    return [`${where} lost or reordered entries: ${show(before)} → ${show(after)}`];
  }
  const extras = after.slice(kept.length).filter((extra) => !allowed(extra));
  return extras.length === 0 ? [] : [`${where} gained unexpected entries ${show(extras)}`];
};

const checkContainers = (id: string, before: Json | undefined, after: Json | undefined): string[] => {
  const where = `${id}.Properties.ContainerDefinitions`;
  if (!Array.isArray(before) || !Array.isArray(after)) {
    return [`${where}: not a list before or after the expansion`];
  }
  const inputRouter = before.some((c) => isObject(c) && c['FirelensConfiguration'] !== undefined);
  const offset = after.length - before.length;
  if (offset !== (inputRouter ? 0 : 1)) {
    return [
      `${where}: ${String(before.length)} containers became ${String(after.length)} (${inputRouter ? 'the task had a router' : 'one router expected'})`,
    ];
  }
  const problems: string[] = [];
  const names = before.map((c) => (isObject(c) ? c['Name'] : undefined));
  let routerName: Json | undefined = before.find((c) => isObject(c) && c['FirelensConfiguration'] !== undefined);
  routerName = isObject(routerName) ? routerName['Name'] : undefined;
  if (offset === 1) {
    const router = after[0];
    if (!isObject(router) || !isObject(router['FirelensConfiguration'])) {
      problems.push(`${where}[0]: the prepended container is not a log router`);
    } else if (names.includes(router['Name'] ?? null)) {
      problems.push(`${where}[0]: the router's name ${show(router['Name'])} is already a container's`);
    }
    routerName = isObject(router) ? router['Name'] : undefined;
  }
  before.forEach((container, i) => {
    const out = after[i + offset];
    const at = `${where}[${String(i)}]`;
    if (!isObject(container) || !isObject(out)) {
      problems.push(`${at}: not an object before or after`);
      return;
    }
    const isRouter = container['FirelensConfiguration'] !== undefined;
    for (const key of Object.keys(container)) {
      if (key === 'FireLens' || key === 'DependsOn') {
        continue;
      }
      if (!same(out[key], container[key])) {
        problems.push(`${at}.${key} changed: ${show(container[key])} → ${show(out[key])}`);
      }
    }
    for (const key of Object.keys(out)) {
      if (key in container) {
        continue;
      }
      const logConfiguration = out['LogConfiguration'];
      const allowed =
        (key === 'LogConfiguration' && isObject(logConfiguration) && logConfiguration['LogDriver'] === 'awsfirelens') ||
        key === 'DependsOn' ||
        (key === 'StopTimeout' && isRouter && Number.isSafeInteger(out[key]));
      if (!allowed) {
        problems.push(`${at}.${key} was added: ${show(out[key])}`);
      }
    }
    if ('FireLens' in out) {
      problems.push(`${at}.FireLens was kept`);
    }
    problems.push(
      ...checkAppended(
        `${at}.DependsOn`,
        container['DependsOn'],
        out['DependsOn'],
        (extra) =>
          isObject(extra) && extra['ContainerName'] === routerName && (extra['Condition'] === 'START' || extra['Condition'] === 'HEALTHY'),
      ),
    );
    if (!keepsOrder(Object.keys(container), Object.keys(out))) {
      problems.push(`${at}: key order changed`);
    }
  });
  return problems;
};

const isNoValue = (value: unknown): boolean => isObject(value) && value['Ref'] === 'AWS::NoValue' && Object.keys(value).length === 1;

/** `FireLens: Fn::If [Cond, {…}, NoValue]` (either way round) of each task: its condition and which side is on. */
const conditionalFireLens = (input: JsonObject): Map<string, { condition: string; onIndex: 1 | 2; fireLens: JsonObject }> => {
  const found = new Map<string, { condition: string; onIndex: 1 | 2; fireLens: JsonObject }>();
  const resources = isObject(input['Resources']) ? input['Resources'] : {};
  for (const [id, resource] of Object.entries(resources)) {
    const properties = isObject(resource) && resource['Type'] === 'AWS::ECS::TaskDefinition' ? resource['Properties'] : undefined;
    const args = isObject(properties) && isObject(properties['FireLens']) ? properties['FireLens']['Fn::If'] : undefined;
    if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') {
      continue;
    }
    if (isObject(args[1]) && !isNoValue(args[1]) && isNoValue(args[2])) {
      found.set(id, { condition: args[0], onIndex: 1, fireLens: args[1] });
    } else if (isObject(args[2]) && !isNoValue(args[2]) && isNoValue(args[1])) {
      found.set(id, { condition: args[0], onIndex: 2, fireLens: args[2] });
    }
  }
  return found;
};

/**
 * A task's properties with each top-level `Fn::If [condition, …]` the macro added taken on one side (NoValue: the
 * key is absent). A property that came out as it went in is the user's, even when it is an `Fn::If` on that condition.
 */
const takeSide = (properties: JsonObject, written: JsonObject, condition: string, index: 1 | 2): JsonObject => {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(properties)) {
    const added = !same(value, written[key]);
    const args = added && isObject(value) && Object.keys(value).length === 1 ? value['Fn::If'] : undefined;
    const chosen = Array.isArray(args) && args[0] === condition ? (args[index] ?? null) : value;
    if (!isNoValue(chosen)) {
      out[key] = chosen;
    }
  }
  return out;
};

/**
 * A conditional FireLens (issue #15) is checked on both sides: with FireLens on, the output must be what the
 * expansion of the FireLens object gives (the usual checks below, on the "on" side, generated resources read
 * with the task's own Condition); with it off, the task must be the input without FireLens.
 */
const resolveConditionalFireLens = (
  input: JsonObject,
  output: JsonObject,
): { input: JsonObject; output: JsonObject; problems: string[] } => {
  const conditional = conditionalFireLens(input);
  if (conditional.size === 0 || !isObject(input['Resources']) || !isObject(output['Resources'])) {
    return { input, output, problems: [] };
  }
  const problems: string[] = [];
  const inResources: JsonObject = { ...input['Resources'] };
  const outResources: JsonObject = { ...output['Resources'] };
  const outConditions: JsonObject = isObject(output['Conditions']) ? { ...output['Conditions'] } : {};
  for (const [id, { condition, onIndex, fireLens }] of conditional) {
    const before = inResources[id] as JsonObject;
    const after = outResources[id];
    const properties = before['Properties'] as JsonObject;
    inResources[id] = { ...before, Properties: { ...properties, FireLens: fireLens } };
    if (!isObject(after) || !isObject(after['Properties'])) {
      continue;
    }
    const offSide = takeSide(after['Properties'], properties, condition, onIndex === 1 ? 2 : 1);
    const { FireLens: _f, ...plain } = properties;
    const containers = Array.isArray(plain['ContainerDefinitions'])
      ? plain['ContainerDefinitions'].map((c) =>
          isObject(c) ? Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'FireLens')) : c,
        )
      : plain['ContainerDefinitions'];
    const expectedOff = containers === undefined ? plain : { ...plain, ContainerDefinitions: containers };
    if (!same(offSide, expectedOff)) {
      problems.push(`${id}: with ${condition} choosing no FireLens, the properties are not the input's: ${show(offSide)}`);
    }
    outResources[id] = { ...after, Properties: takeSide(after['Properties'], properties, condition, onIndex) };
    const generatedCondition = `${id}FireLensEnabled`;
    for (const [genId, resource] of Object.entries(outResources)) {
      // A resource of the input whose id merely starts so (one the macro did not need to generate) is not new.
      if (genId.startsWith(`${id}FireLens`) && !Object.hasOwn(inResources, genId) && isObject(resource)) {
        const { Condition: carried, ...rest } = resource;
        if (carried !== condition && carried !== generatedCondition) {
          problems.push(`new resource ${genId} does not carry the FireLens condition ${condition}: ${show(carried)}`);
        }
        outResources[genId] =
          before['Condition'] === undefined ? rest : { Type: rest['Type'] ?? null, Condition: before['Condition'], ...rest };
      }
    }
    delete outConditions[generatedCondition];
  }
  const resolvedOutput: JsonObject = {};
  for (const [key, value] of Object.entries(output)) {
    if (key === 'Conditions' && Object.keys(outConditions).length === 0 && !isObject(input['Conditions'])) {
      continue;
    }
    resolvedOutput[key] = key === 'Resources' ? outResources : key === 'Conditions' ? outConditions : value;
  }
  return { input: { ...input, Resources: inResources }, output: resolvedOutput, problems };
};
