import { type Problem, TemplateParseError } from '../errors';
import { usesMacro } from '../firelens/index';
import type { Finding, LintOptions, LintTemplate, RuleMeta } from '../rules/types';
import { isObject, type JsonObject } from '../template/intrinsics';
import { loadTemplate } from '../template/load';
import { type Locator, noLocation } from '../template/locator';
import { HookFailureError } from './errors';
import { type DescribeTaskDefinition, externalTaskDefinitionReferences, resolveExternalTaskDefinitions } from './external-task-definitions';
import { fetchPayload, type PayloadFetchConfig } from './fetch-payload';
import { buildComplianceResponse, buildExpansionFailureResponse, buildSkippedResponse } from './report';
import type { HookEvent, HookResponse, ResourceHookEvent, TemplateHookEvent } from './types';

/**
 * The macro's template-level expansion, as `functions/shared/firelens/index.ts` exports it: it takes
 * the whole template, drops its own entry from `Transform` and keeps the others.
 */
export type ExpandTemplate = (
  template: JsonObject,
  macroName: string,
) => { readonly ok: true; readonly fragment: JsonObject } | { readonly ok: false; readonly problems: readonly Problem[] };

/** Typed configuration; the handler builds it from environment variables. */
export interface HookConfig {
  /** Rule ids never run (FIRELENS_IGNORE_CHECKS). */
  readonly ignoreRules: readonly string[];
  /** When non-empty, only these rule ids run (FIRELENS_ONLY_CHECKS). */
  readonly onlyRules: readonly string[];
  readonly warningsAsErrors: boolean;
  readonly strictPort24224: boolean;
  readonly payload: PayloadFetchConfig;
  /** Look up task definitions that services reference from outside the template. */
  readonly ecsLookup: { readonly enabled: boolean; readonly timeoutMs: number };
  /** The `Transform:` name that means "expand with the FireLens macro first". */
  readonly macroName: string;
  /** The Lambda's Region (ECS lookups). */
  readonly region: string | undefined;
}

export interface HookDependencies {
  readonly lintTemplate: LintTemplate;
  /** The rule catalogue, for one annotation per rule. */
  readonly rules?: readonly RuleMeta[];
  /** Absent until the macro exists: templates that use it are then linted as written. */
  readonly expandTemplate?: ExpandTemplate;
  readonly describeTaskDefinition?: DescribeTaskDefinition;
  /** Aborted when the Lambda is about to time out. */
  readonly signal?: AbortSignal;
}

/** The response plus what the handler logs (counts only, never contents). */
export interface HookEvaluation {
  readonly response: HookResponse;
  readonly findings: { readonly error: number; readonly warning: number; readonly informational: number };
  readonly externalTaskDefinitions: number;
  readonly expanded: boolean;
  readonly skipped?: string;
}

const NO_FINDINGS = { error: 0, warning: 0, informational: 0 };

/**
 * Evaluates one hook invocation: deletes pass unchecked; RESOURCE / CLOUD_CONTROL targets are linted
 * as a one-resource template; STACK / CHANGE_SET targets fetch the template from the payload URL and
 * lint all of it (after expanding the FireLens macro when the template uses it). Throws a
 * {@link HookFailureError} when it cannot evaluate (fetch, parse or lookup failure).
 */
export const evaluateHook = async (event: HookEvent, config: HookConfig, deps: HookDependencies): Promise<HookEvaluation> => {
  if (event.action === 'DELETE') {
    const reason = 'delete operations are not checked';
    return {
      response: buildSkippedResponse(event.clientRequestToken, reason),
      findings: NO_FINDINGS,
      externalTaskDefinitions: 0,
      expanded: false,
      skipped: reason,
    };
  }
  switch (event.kind) {
    case 'STACK':
    case 'CHANGE_SET':
      return evaluateTemplateTarget(event, config, deps);
    case 'RESOURCE':
    case 'CLOUD_CONTROL':
      return evaluateResourceTarget(event, config, deps);
  }
};

/** `{Resources: {[targetLogicalId]: {Type: targetName, Properties}}}`: the same rules run unchanged. */
export const resourceTemplate = (event: ResourceHookEvent): JsonObject => ({
  Resources: { [event.targetLogicalId]: { Type: event.targetName, Properties: event.resourceProperties } },
});

const evaluateResourceTarget = async (event: ResourceHookEvent, config: HookConfig, deps: HookDependencies): Promise<HookEvaluation> =>
  lintAndReport(event, resourceTemplate(event), noLocation, [], false, config, deps);

const evaluateTemplateTarget = async (event: TemplateHookEvent, config: HookConfig, deps: HookDependencies): Promise<HookEvaluation> => {
  if (event.payloadUrl === undefined) {
    throw new HookFailureError(`no payload URL for a ${event.kind} target`);
  }
  const payload = await fetchPayload(event.payloadUrl, config.payload, deps.signal);
  if (typeof payload.template === 'string' && payload.template.trim() === '') {
    // Only deletes come without a template, and deletes are answered above without a fetch: checking
    // nothing here and answering SUCCESS would let an unchecked template through.
    const target = event.action === undefined ? event.kind : `${event.action} ${event.kind}`;
    throw new HookFailureError(`the payload holds no template for a ${target} target (only deletes come without one)`);
  }
  const { template, locator } = parseTemplate(payload.template);
  if (!usesMacro(template, config.macroName)) {
    return lintAndReport(event, template, locator, [], false, config, deps);
  }
  if (!deps.expandTemplate) {
    const note = `${config.macroName} transform not expanded: template linted as written`;
    return lintAndReport(event, template, locator, [note], false, config, deps);
  }
  const expansion = deps.expandTemplate(template, config.macroName);
  if (!expansion.ok) {
    const response = buildExpansionFailureResponse(expansion.problems, {
      clientRequestToken: event.clientRequestToken,
      macroName: config.macroName,
    });
    return { response, findings: { ...NO_FINDINGS, error: expansion.problems.length }, externalTaskDefinitions: 0, expanded: false };
  }
  // Expanded output no longer lines up with the source text, so findings carry paths only.
  return lintAndReport(event, expansion.fragment, noLocation, [], true, config, deps);
};

const lintAndReport = async (
  event: HookEvent,
  template: JsonObject,
  locator: Locator,
  notes: readonly string[],
  expanded: boolean,
  config: HookConfig,
  deps: HookDependencies,
): Promise<HookEvaluation> => {
  const lookups = config.ecsLookup.enabled && deps.describeTaskDefinition !== undefined;
  const external = lookups
    ? await resolveExternalTaskDefinitions(template, deps.describeTaskDefinition, deps.signal)
    : new Map<string, JsonObject>();
  // With lookups off, say what went unchecked rather than let the answer read as a full check.
  const unchecked = lookups ? 0 : externalTaskDefinitionReferences(template).length;
  const options: LintOptions = {
    locator,
    ignoreRules: config.ignoreRules,
    onlyRules: config.onlyRules,
    ruleOptions: { strictPort24224: config.strictPort24224 },
    externalTaskDefinitions: external,
  };
  const findings = deps.lintTemplate(template, options);
  const response = buildComplianceResponse(findings, {
    clientRequestToken: event.clientRequestToken,
    warningsAsErrors: config.warningsAsErrors,
    notes: unchecked === 0 ? notes : [...notes, uncheckedNote(unchecked)],
    ...(deps.rules ? { rules: deps.rules, skippedRuleIds: skippedRules(deps.rules, config) } : {}),
  });
  return { response, findings: countFindings(findings), externalTaskDefinitions: external.size, expanded };
};

const uncheckedNote = (count: number): string =>
  count === 1
    ? '1 task definition outside the template was not looked up (ECS lookups are off): rules that need it did not run'
    : `${String(count)} task definitions outside the template were not looked up (ECS lookups are off): rules that need them did not run`;

const parseTemplate = (template: string | JsonObject): { template: JsonObject; locator: Locator } => {
  if (isObject(template)) {
    return { template, locator: noLocation };
  }
  try {
    return loadTemplate(template);
  } catch (error) {
    if (error instanceof TemplateParseError) {
      const where = error.line === undefined ? '' : ` (line ${String(error.line)}, column ${String(error.column)})`;
      throw new HookFailureError(`the template could not be parsed${where}: ${error.message}`, { cause: error });
    }
    throw error;
  }
};

const skippedRules = (rules: readonly RuleMeta[], config: HookConfig): ReadonlySet<string> =>
  new Set(
    rules
      .map((r) => r.id)
      .filter((id) => config.ignoreRules.includes(id) || (config.onlyRules.length > 0 && !config.onlyRules.includes(id))),
  );

const countFindings = (findings: readonly Finding[]): HookEvaluation['findings'] => ({
  error: findings.filter((f) => f.severity === 'error').length,
  warning: findings.filter((f) => f.severity === 'warning').length,
  informational: findings.filter((f) => f.severity === 'informational').length,
});
