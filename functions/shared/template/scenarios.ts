/**
 * Scenario linting (cfn-lint evaluates its rules over condition scenarios the same way): a template whose
 * rule-relevant resources use `Fn::If`, or `Ref` a parameter that has `AllowedValues`, is checked once per
 * scenario, each a resolved copy in which every `Fn::If` is its chosen branch, `Ref: AWS::NoValue` is gone
 * (the property or list item vanishes, as CloudFormation does), resources whose `Condition` is false are
 * removed, and each such parameter `Ref` is one of its allowed values. The rules then see literal values
 * they can judge instead of intrinsics they would have to take as fine.
 *
 * Conditions are evaluated where they can be (`Fn::Equals`/`And`/`Or`/`Not`/`Condition` over literals and
 * allowed parameter values), so impossible combinations are skipped; what cannot be evaluated (a parameter
 * without `AllowedValues` can be anything at deploy time, `AWS::Region`, an import) is a free atom, both
 * values. A parameter without `AllowedValues` stays unknown even with a `Default` (a deploy can override it).
 *
 * Bound: at most {@link MAX_SCENARIOS} scenarios. Beyond it: every condition true, every condition false, and
 * each condition flipped alone from both, up to the same bound, with `truncated` saying so. So the work is at
 * most MAX_SCENARIOS × (one lint), linear in the template's size.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html
 */
import { ifParts, isIntrinsic, isObject, type Json, type JsonObject, literalString, refTarget } from './intrinsics';
import type { TemplatePath } from './locator';

/** The most scenarios one template is linted in (64 = six free conditions, or fewer with parameters). */
export const MAX_SCENARIOS = 64;

/** Resource types the rules read (through the view): where an `Fn::If` or allowed-value `Ref` matters. */
const RULE_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  'AWS::ECS::TaskDefinition',
  'AWS::ECS::Service',
  'AWS::ECS::TaskSet',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::LaunchTemplate',
  'AWS::AutoScaling::LaunchConfiguration',
  'AWS::EC2::Instance',
  'AWS::EC2::NetworkInterface',
  'AWS::EC2::SpotFleet',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::RolePolicy',
  'AWS::Events::Rule',
  'AWS::Scheduler::Schedule',
]);

/** One thing a scenario assumes: a condition's value, or the value a parameter is deployed with. */
export type Assumption =
  | { readonly kind: 'condition'; readonly name: string; readonly value: boolean }
  | { readonly kind: 'parameter'; readonly name: string; readonly value: Json };

export interface Scenario {
  /** What this scenario assumes, conditions first, each named once. */
  readonly assumptions: readonly Assumption[];
  /** The template with every `Fn::If` of the rules' resources resolved for this scenario. */
  readonly template: JsonObject;
  /** From a path in `template` to the path of what the user wrote (inside the chosen `Fn::If` branch). */
  readonly originalPath: (path: TemplatePath) => TemplatePath;
}

export interface ScenarioPlan {
  readonly scenarios: readonly Scenario[];
  /** Set when the combinations exceeded the bound and only the fallback scenarios were checked. */
  readonly truncated?: { readonly combinations: string; readonly checked: number };
}

/** A condition compiled for evaluation; atoms are what cannot be evaluated (free: both values). */
type Expr =
  | { readonly kind: 'const'; readonly value: boolean }
  | { readonly kind: 'atom'; readonly key: string }
  | { readonly kind: 'and' | 'or'; readonly items: readonly Expr[] }
  | { readonly kind: 'not'; readonly item: Expr }
  | { readonly kind: 'equals'; readonly left: Operand; readonly right: Operand };

/** A literal (as CloudFormation compares: a string) or a parameter with allowed values. */
type Operand = { readonly literal: string } | { readonly parameter: string };

interface Env {
  readonly parameters: ReadonlyMap<string, Json>;
  readonly atoms: ReadonlyMap<string, boolean>;
  /** Used only by the fallback: conditions taken as given instead of evaluated. */
  readonly forced?: ReadonlyMap<string, boolean>;
}

const asObject = (value: unknown): JsonObject | undefined => (isObject(value) && !isIntrinsic(value) ? value : undefined);

/** A parameter's `AllowedValues` when it has some: each is a value it can be deployed with. */
const allowedValuesOf = (template: JsonObject): Map<string, readonly Json[]> => {
  const allowed = new Map<string, readonly Json[]>();
  for (const [name, raw] of Object.entries(asObject(template['Parameters']) ?? {})) {
    const values = asObject(raw)?.['AllowedValues'];
    if (Array.isArray(values) && values.length > 0 && values.every((v) => typeof v !== 'object' || v === null)) {
      allowed.set(name, values);
    }
  }
  return allowed;
};

interface Uses {
  readonly conditions: Set<string>;
  readonly parameters: Set<string>;
  /** Objects and lists that hold (at any depth) something a scenario resolves: only these are copied. */
  readonly affected: WeakSet<object>;
}

/**
 * Records every `Fn::If` condition, allowed-value parameter `Ref` and `AWS::NoValue` inside one value, and marks
 * the objects and lists that hold one; true when `value` holds one. (Recursive: loaded templates nest at most
 * 200 levels; a deeper object from elsewhere makes the caller's FL0001, never a crash.)
 */
const markAffected = (value: Json | undefined, allowed: ReadonlyMap<string, readonly Json[]>, uses: Uses): boolean => {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  let affected = false;
  if (Array.isArray(value)) {
    for (const item of value) {
      affected = (typeof item === 'object' && markAffected(item, allowed, uses)) || affected;
    }
  } else {
    // A for-in over the keys, not Object.values/keys: this walk runs on every lint, the fast path included.
    for (const key in value) {
      if (key === 'Ref' || key === 'Fn::If') {
        affected = markIntrinsic(value, allowed, uses) || affected;
      }
      const child = value[key];
      affected = (typeof child === 'object' && markAffected(child, allowed, uses)) || affected;
    }
  }
  if (affected) {
    uses.affected.add(value);
  }
  return affected;
};

/** Records what a `Ref` or `Fn::If` object means for the scenarios; true when it is resolved by them. */
const markIntrinsic = (value: JsonObject, allowed: ReadonlyMap<string, readonly Json[]>, uses: Uses): boolean => {
  const ref = refTarget(value);
  if (ref === 'AWS::NoValue') {
    return true;
  }
  if (ref !== undefined && allowed.has(ref)) {
    uses.parameters.add(ref);
    return true;
  }
  const parts = ifParts(value);
  if (parts !== undefined) {
    uses.conditions.add(parts.condition);
  }
  return parts !== undefined;
};

const ruleResources = (template: JsonObject): [string, JsonObject][] =>
  Object.entries(asObject(template['Resources']) ?? {}).flatMap(([id, resource]): [string, JsonObject][] => {
    const obj = asObject(resource);
    return obj && RULE_RESOURCE_TYPES.has(literalString(obj['Type']) ?? '') ? [[id, obj]] : [];
  });

/** Compiles the template's conditions on demand (memoised; a cycle or an unknown name is an atom). */
class ConditionCompiler {
  private readonly compiled = new Map<string, Expr>();
  private readonly visiting = new Set<string>();

  constructor(
    private readonly definitions: JsonObject,
    private readonly allowed: ReadonlyMap<string, readonly Json[]>,
  ) {}

  condition(name: string): Expr {
    const done = this.compiled.get(name);
    if (done !== undefined) {
      return done;
    }
    if (this.visiting.has(name) || !Object.hasOwn(this.definitions, name)) {
      return { kind: 'atom', key: `condition:${name}` };
    }
    this.visiting.add(name);
    const expr = this.node(this.definitions[name]);
    this.visiting.delete(name);
    this.compiled.set(name, expr);
    return expr;
  }

  private node(value: Json | undefined): Expr {
    const atom: Expr = { kind: 'atom', key: JSON.stringify(value ?? null) };
    if (typeof value === 'boolean' || value === 'true' || value === 'false') {
      return { kind: 'const', value: value === true || value === 'true' };
    }
    if (!isObject(value) || Object.keys(value).length !== 1) {
      return atom;
    }
    const [key, args] = Object.entries(value)[0] ?? ['', null];
    if (key === 'Condition' && typeof args === 'string') {
      return this.condition(args);
    }
    if (!Array.isArray(args)) {
      return atom;
    }
    if (key === 'Fn::And' || key === 'Fn::Or') {
      return { kind: key === 'Fn::And' ? 'and' : 'or', items: args.map((a) => this.node(a)) };
    }
    if (key === 'Fn::Not' && args.length === 1) {
      return { kind: 'not', item: this.node(args[0]) };
    }
    const left = key === 'Fn::Equals' && args.length === 2 ? this.operand(args[0]) : undefined;
    const right = key === 'Fn::Equals' && args.length === 2 ? this.operand(args[1]) : undefined;
    return left !== undefined && right !== undefined ? { kind: 'equals', left, right } : atom;
  }

  private operand(value: Json | undefined): Operand | undefined {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      return { literal: String(value) };
    }
    const ref = refTarget(value);
    return ref !== undefined && this.allowed.has(ref) ? { parameter: ref } : undefined;
  }
}

/** Atoms and parameters an expression depends on. */
const expressionInputs = (expr: Expr, atoms: Set<string>, parameters: Set<string>): void => {
  switch (expr.kind) {
    case 'atom':
      atoms.add(expr.key);
      break;
    case 'and':
    case 'or':
      expr.items.forEach((item) => {
        expressionInputs(item, atoms, parameters);
      });
      break;
    case 'not':
      expressionInputs(expr.item, atoms, parameters);
      break;
    case 'equals':
      for (const side of [expr.left, expr.right]) {
        if ('parameter' in side) {
          parameters.add(side.parameter);
        }
      }
      break;
    case 'const':
      break;
  }
};

const operandValue = (operand: Operand, env: Env): string | undefined => {
  if ('literal' in operand) {
    return operand.literal;
  }
  const value = env.parameters.get(operand.parameter);
  // Allowed values are scalars (allowedValuesOf keeps no others); CloudFormation compares them as strings.
  return value === undefined || (typeof value === 'object' && value !== null) ? undefined : String(value);
};

/** Three-valued: undefined when an input is not given in `env`. */
const evaluate = (expr: Expr, env: Env): boolean | undefined => {
  switch (expr.kind) {
    case 'const':
      return expr.value;
    case 'atom':
      return env.atoms.get(expr.key);
    case 'not': {
      const value = evaluate(expr.item, env);
      return value === undefined ? undefined : !value;
    }
    case 'and':
    case 'or': {
      const values = expr.items.map((item) => evaluate(item, env));
      const decisive = expr.kind === 'or';
      return values.includes(decisive) ? decisive : values.includes(undefined) ? undefined : !decisive;
    }
    case 'equals': {
      const left = operandValue(expr.left, env);
      const right = operandValue(expr.right, env);
      return left === undefined || right === undefined ? undefined : left === right;
    }
  }
};

const conditionValue = (compiler: ConditionCompiler, name: string, env: Env): boolean | undefined =>
  env.forced?.get(name) ?? evaluate(compiler.condition(name), env);

/** One way the template may deploy, before the template is resolved for it. */
interface Assignment {
  readonly env: Env;
  readonly assumptions: readonly Assumption[];
}

interface Inputs {
  /** Conditions the rules' resources choose branches by, sorted. */
  readonly conditions: readonly string[];
  /** Allowed-value parameters the rules' resources `Ref`, sorted. */
  readonly referenced: readonly string[];
  /** Allowed-value parameters the enumeration assigns (referenced, or read by those conditions). */
  readonly parameters: readonly string[];
  readonly atoms: readonly string[];
  readonly allowed: ReadonlyMap<string, readonly Json[]>;
}

const assumptionsOf = (inputs: Inputs, conditionValues: readonly boolean[], env: Env): Assumption[] => [
  ...inputs.conditions.map((name, i): Assumption => ({ kind: 'condition', name, value: conditionValues[i] ?? false })),
  ...inputs.referenced.map((name): Assumption => ({ kind: 'parameter', name, value: env.parameters.get(name) ?? null })),
];

/** How many combinations the inputs have (a float: it only needs to be compared with the bound). */
const combinationCount = (inputs: Inputs): number =>
  inputs.parameters.reduce((n, p) => n * (inputs.allowed.get(p)?.length ?? 1), 2 ** inputs.atoms.length);

/** Every combination of parameter values and atoms; scenarios that assume the same are one. */
const enumerateAll = (inputs: Inputs, compiler: ConditionCompiler): Assignment[] => {
  const radices = [...inputs.parameters.map((p) => inputs.allowed.get(p)?.length ?? 1), ...inputs.atoms.map(() => 2)];
  const digits = radices.map(() => 0);
  const seen = new Set<string>();
  const out: Assignment[] = [];
  for (;;) {
    const parameters = new Map(inputs.parameters.map((p, i) => [p, inputs.allowed.get(p)?.[digits[i] ?? 0] ?? null]));
    const atoms = new Map(inputs.atoms.map((a, i) => [a, digits[inputs.parameters.length + i] === 1]));
    const env: Env = { parameters, atoms };
    const values = inputs.conditions.map((c) => conditionValue(compiler, c, env) ?? false);
    const assumptions = assumptionsOf(inputs, values, env);
    const key = JSON.stringify(assumptions);
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ env, assumptions });
    }
    let position = 0;
    while (position < digits.length && (digits[position] ?? 0) + 1 >= (radices[position] ?? 1)) {
      digits[position] = 0;
      position += 1;
    }
    if (position === digits.length) {
      return out;
    }
    digits[position] = (digits[position] ?? 0) + 1;
  }
};

/**
 * Too many combinations: conditions are taken as free (not evaluated): all true, all false, then each one
 * flipped alone from both, up to the bound; each allowed parameter value appears in turn.
 */
const fallbackAssignments = (inputs: Inputs): Assignment[] => {
  const n = inputs.conditions.length;
  const patterns: boolean[][] = [Array<boolean>(n).fill(true), Array<boolean>(n).fill(false)];
  for (let i = 0; i < n; i += 1) {
    patterns.push(patterns[1]?.map((_, j) => j === i) ?? [], patterns[0]?.map((_, j) => j !== i) ?? []);
  }
  const longest = Math.max(1, ...inputs.referenced.map((p) => inputs.allowed.get(p)?.length ?? 1));
  while (patterns.length < longest) {
    patterns.push(patterns[patterns.length % 2] ?? []);
  }
  return patterns.slice(0, MAX_SCENARIOS).map((values, k): Assignment => {
    const parameters = new Map(inputs.referenced.map((p) => [p, pick(inputs.allowed.get(p), k)]));
    const env: Env = { parameters, atoms: new Map(), forced: new Map(inputs.conditions.map((c, i) => [c, values[i] ?? false])) };
    return { env, assumptions: assumptionsOf(inputs, values, env) };
  });
};

const pick = (values: readonly Json[] | undefined, k: number): Json => (values === undefined ? null : (values[k % values.length] ?? null));

const NO_VALUE = Symbol('AWS::NoValue');

/** A path as a linked list (shared prefixes, no copy per value); made an array only where a path moves. */
interface PathNode {
  readonly parent: PathNode | undefined;
  readonly key: string | number;
}

const pathOf = (node: PathNode | undefined): (string | number)[] => {
  const keys: (string | number)[] = [];
  for (let at = node; at !== undefined; at = at.parent) {
    keys.push(at.key);
  }
  return keys.reverse();
};

const under = (parent: PathNode | undefined, ...keys: (string | number)[]): PathNode | undefined =>
  keys.reduce<PathNode | undefined>((node, key) => ({ parent: node, key }), parent);

/** Resolves the rules' resources of one template for one assignment, keeping a map back to the original paths. */
class Resolver {
  /** Resolved path (JSON) → original path, where they differ. */
  private readonly moved = new Map<string, TemplatePath>();

  constructor(
    private readonly compiler: ConditionCompiler,
    private readonly env: Env,
    private readonly affected: WeakSet<object>,
  ) {}

  /** Only what holds an `Fn::If`, `AWS::NoValue` or allowed-value `Ref` is copied; the rest is shared. */
  value(value: Json, original: PathNode | undefined, resolved: PathNode | undefined): Json | typeof NO_VALUE {
    if (typeof value !== 'object' || value === null || !this.affected.has(value)) {
      return value;
    }
    const parts = ifParts(value);
    const condition = parts === undefined ? undefined : conditionValue(this.compiler, parts.condition, this.env);
    if (parts !== undefined && condition !== undefined) {
      const branch = condition ? 1 : 2;
      const chosen = under(original, 'Fn::If', branch);
      this.moved.set(JSON.stringify(pathOf(resolved)), pathOf(chosen));
      return this.value(parts.branches[branch - 1] ?? null, chosen, resolved);
    }
    const ref = refTarget(value);
    if (ref === 'AWS::NoValue') {
      return NO_VALUE;
    }
    if (ref !== undefined && this.env.parameters.has(ref)) {
      return this.env.parameters.get(ref) ?? value;
    }
    return Array.isArray(value) ? this.list(value, original, resolved) : this.object(value, original, resolved);
  }

  private list(value: readonly Json[], original: PathNode | undefined, resolved: PathNode | undefined): Json[] {
    const out: Json[] = [];
    value.forEach((item, i) => {
      const at = under(resolved, out.length);
      if (out.length !== i) {
        this.moved.set(JSON.stringify(pathOf(at)), pathOf(under(original, i)));
      }
      const next = this.value(item, under(original, i), at);
      if (next !== NO_VALUE) {
        out.push(next);
      }
    });
    return out;
  }

  private object(value: JsonObject, original: PathNode | undefined, resolved: PathNode | undefined): JsonObject {
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      const next = this.value(item, under(original, key), under(resolved, key));
      if (next !== NO_VALUE) {
        out[key] = next;
      }
    }
    return out;
  }

  /** The longest resolved prefix that moved, replaced by where it came from. */
  readonly originalPath = (path: TemplatePath): TemplatePath => {
    if (this.moved.size === 0) {
      return path;
    }
    for (let length = path.length; length > 0; length -= 1) {
      const origin = this.moved.get(JSON.stringify(path.slice(0, length)));
      if (origin !== undefined) {
        return [...origin, ...path.slice(length)];
      }
    }
    return path;
  };
}

/** The template for one assignment: resources whose condition is false gone, the rules' resources resolved. */
const resolveScenario = (
  template: JsonObject,
  assignment: Assignment,
  compiler: ConditionCompiler,
  affected: WeakSet<object>,
): Scenario => {
  const resolver = new Resolver(compiler, assignment.env, affected);
  const resources: JsonObject = {};
  for (const [id, resource] of Object.entries(asObject(template['Resources']) ?? {})) {
    const obj = asObject(resource);
    const condition = literalString(obj?.['Condition']);
    if (condition !== undefined && conditionValue(compiler, condition, assignment.env) === false) {
      continue;
    }
    if (obj === undefined || !RULE_RESOURCE_TYPES.has(literalString(obj['Type']) ?? '') || obj['Properties'] === undefined) {
      resources[id] = resource ?? null;
      continue;
    }
    const path = under(undefined, 'Resources', id, 'Properties');
    const properties = resolver.value(obj['Properties'], path, path);
    const { Properties: _written, ...rest } = obj;
    resources[id] = properties === NO_VALUE ? rest : { ...rest, Properties: properties };
  }
  return { assumptions: assignment.assumptions, template: { ...template, Resources: resources }, originalPath: resolver.originalPath };
};

/**
 * The conditions of the `Fn::If`s a path goes through in `template`, outermost first: what a finding at that
 * path most likely depends on (a finding's description names these before any other condition).
 */
export const conditionsOnPath = (template: JsonObject, path: TemplatePath): string[] => {
  const names: string[] = [];
  let value: Json | undefined = template;
  for (const key of path) {
    if (key === 'Fn::If') {
      const condition = ifParts(value)?.condition;
      if (condition !== undefined) {
        names.push(condition);
      }
    }
    value =
      Array.isArray(value) && typeof key === 'number' ? value[key] : isObject(value) && typeof key === 'string' ? value[key] : undefined;
  }
  return names;
};

/**
 * The scenarios to lint `template` in; undefined when its rules' resources hold no `Fn::If` and no `Ref` to
 * an allowed-value parameter (then the template is linted as it is, with no copy and no extra work).
 */
export const planScenarios = (template: JsonObject): ScenarioPlan | undefined => {
  const allowed = allowedValuesOf(template);
  const uses: Uses = { conditions: new Set(), parameters: new Set(), affected: new WeakSet() };
  for (const [, resource] of ruleResources(template)) {
    markAffected(resource['Properties'], allowed, uses);
  }
  if (uses.conditions.size === 0 && uses.parameters.size === 0) {
    return undefined;
  }
  const compiler = new ConditionCompiler(asObject(template['Conditions']) ?? {}, allowed);
  const conditions = [...uses.conditions].sort();
  const atoms = new Set<string>();
  const parameters = new Set(uses.parameters);
  for (const name of conditions) {
    expressionInputs(compiler.condition(name), atoms, parameters);
  }
  const inputs: Inputs = {
    conditions,
    referenced: [...uses.parameters].sort(),
    parameters: [...parameters].sort(),
    atoms: [...atoms].sort(),
    allowed,
  };
  const combinations = combinationCount(inputs);
  const bounded = combinations <= MAX_SCENARIOS;
  const assignments = bounded ? enumerateAll(inputs, compiler) : fallbackAssignments(inputs);
  const scenarios = assignments.map((assignment) => resolveScenario(template, assignment, compiler, uses.affected));
  if (bounded) {
    return { scenarios };
  }
  const described = Number.isFinite(combinations) ? combinations.toLocaleString('en-US') : 'more than 10^308';
  return { scenarios, truncated: { combinations: described, checked: scenarios.length } };
};
