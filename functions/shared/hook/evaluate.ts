import type { TemplateParseError } from '../errors';
import { checkTemplate, type ExpandedTemplate, type PipelineStage, prepareTemplate } from '../pipeline';
import type { ConfiguredRules, Finding, RuleMeta } from '../rules/types';
import { isObject, type JsonObject } from '../template/intrinsics';
import { HookFailureError } from './errors';
import { type DescribeTaskDefinition, externalTaskDefinitionReferences, resolveExternalTaskDefinitions } from './external-task-definitions';
import { fetchPayload, type PayloadFetchConfig } from './fetch-payload';
import { buildComplianceResponse, buildExpansionFailureResponse, buildSkippedResponse } from './report';
import type { HookEvent, HookResponse, ResourceHookEvent, TemplateHookEvent } from './types';

/** Typed configuration; the handler builds it from environment variables. */
export interface HookConfig {
  /** Rule ids never run (FIRELENS_IGNORE_CHECKS). */
  readonly ignoreRules: readonly string[];
  /** When non-empty, only these rule ids run (FIRELENS_ONLY_CHECKS). */
  readonly onlyRules: readonly string[];
  readonly warningsAsErrors: boolean;
  readonly strictPort24224: boolean;
  /** Rule options (FIRELENS_CONFIGURE_RULES); they win over a template's own configure_rules. */
  readonly configureRules?: ConfiguredRules;
  readonly payload: PayloadFetchConfig;
  /** Look up task definitions that services reference from outside the template. */
  readonly ecsLookup: { readonly enabled: boolean; readonly timeoutMs: number };
  /** The `Transform:` name that means "expand with the FireLens macro first". */
  readonly macroName: string;
  /** The Lambda's Region (ECS lookups). */
  readonly region: string | undefined;
}

export interface HookDependencies {
  /** The rule catalogue, for one annotation per rule. */
  readonly rules?: readonly RuleMeta[];
  readonly describeTaskDefinition?: DescribeTaskDefinition;
  /** Aborted when the Lambda is about to time out. */
  readonly signal?: AbortSignal;
  /**
   * The work budget of the synchronous stages, which no signal can interrupt: called between and inside
   * them and once more before answering, it throws (a HookDeadlineError) once the time is up.
   */
  readonly deadline?: (stage: PipelineStage | 'report') => void;
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

/** A resource target's properties are already expanded by CloudFormation: the rules run on them as they are. */
const evaluateResourceTarget = async (event: ResourceHookEvent, config: HookConfig, deps: HookDependencies): Promise<HookEvaluation> => {
  const prepared = prepareTemplate({ template: resourceTemplate(event) }, { expand: 'never', checkpoint: deps.deadline });
  if (prepared.stage !== 'expanded') {
    throw new HookFailureError('the resource properties could not be read as a template');
  }
  return checkAndReport(event, prepared, config, deps);
};

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
  const source = isObject(payload.template) ? { template: payload.template } : { text: payload.template };
  const prepared = prepareTemplate(source, { expand: 'if-transform', macroName: config.macroName, checkpoint: deps.deadline });
  switch (prepared.stage) {
    case 'unreadable':
      throw parseFailure(prepared.parseError);
    case 'refused': {
      const response = buildExpansionFailureResponse(prepared.problems, {
        clientRequestToken: event.clientRequestToken,
        macroName: config.macroName,
      });
      return { response, findings: { ...NO_FINDINGS, error: prepared.problems.length }, externalTaskDefinitions: 0, expanded: false };
    }
    case 'expanded':
      return checkAndReport(event, prepared, config, deps);
  }
};

/** The rules over what CloudFormation deploys (with the task definitions services name from outside it). */
const checkAndReport = async (
  event: HookEvent,
  prepared: ExpandedTemplate,
  config: HookConfig,
  deps: HookDependencies,
): Promise<HookEvaluation> => {
  const lookups = config.ecsLookup.enabled && deps.describeTaskDefinition !== undefined;
  const external = lookups
    ? await resolveExternalTaskDefinitions(prepared.output, deps.describeTaskDefinition, deps.signal)
    : new Map<string, JsonObject>();
  // With lookups off, say what went unchecked rather than let the answer read as a full check.
  const unchecked = lookups ? 0 : externalTaskDefinitionReferences(prepared.output).length;
  const findings = checkTemplate(
    prepared,
    {
      ignoreRules: config.ignoreRules,
      onlyRules: config.onlyRules,
      ruleOptions: { strictPort24224: config.strictPort24224, configureRules: config.configureRules ?? {} },
      externalTaskDefinitions: external,
    },
    deps.deadline,
  );
  const response = buildComplianceResponse(findings, {
    clientRequestToken: event.clientRequestToken,
    warningsAsErrors: config.warningsAsErrors,
    notes: unchecked === 0 ? [] : [uncheckedNote(unchecked)],
    ...(deps.rules ? { rules: deps.rules, skippedRuleIds: skippedRules(deps.rules, config) } : {}),
  });
  // Past the deadline, a SUCCESS would come too late for CloudFormation to see: answer FAILED instead.
  deps.deadline?.('report');
  return { response, findings: countFindings(findings), externalTaskDefinitions: external.size, expanded: prepared.expanded };
};

const uncheckedNote = (count: number): string =>
  count === 1
    ? '1 task definition outside the template was not looked up (ECS lookups are off): rules that need it did not run'
    : `${String(count)} task definitions outside the template were not looked up (ECS lookups are off): rules that need them did not run`;

const parseFailure = (error: TemplateParseError): HookFailureError => {
  const where = error.line === undefined ? '' : ` (line ${String(error.line)}, column ${String(error.column ?? 1)})`;
  return new HookFailureError(`the template could not be parsed${where}: ${error.message}`, { cause: error });
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
