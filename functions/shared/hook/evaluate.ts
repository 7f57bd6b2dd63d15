import type { TemplateParseError } from '../errors';
import { checkTemplate, type ExpandedTemplate, type PipelineStage, prepareTemplate } from '../pipeline';
import { isSelected } from '../rules/engine';
import { describeSuppression, type SuppressedFinding } from '../rules/suppressions';
import { TASK_DEFINITION_UNCHECKED_META } from '../rules/task-definition-unchecked';
import type { ConfiguredRules, Finding, RuleMeta } from '../rules/types';
import { isObject, type JsonObject } from '../template/intrinsics';
import type { PseudoParameters } from '../template/task-definition-reference';
import { HookFailureError } from './errors';
import { type DescribeTaskDefinition, resolveExternalTaskDefinitions } from './external-task-definitions';
import { fetchPayload, type PayloadFetchConfig } from './fetch-payload';
import { buildComplianceResponse, buildExpansionFailureResponse, buildSkippedResponse } from './report';
import type { HookEvent, HookResponse, ResourceHookEvent, TemplateHookEvent } from './types';
import { hookSeverity } from './unchecked';

/** Typed configuration; the handler builds it from environment variables. */
export interface HookConfig {
  /** Rule ids never run (FIRELENS_IGNORE_CHECKS). */
  readonly ignoreRules: readonly string[];
  /** When non-empty, only these rule ids run (FIRELENS_ONLY_CHECKS). */
  readonly onlyRules: readonly string[];
  /** Rule ids / prefixes for which the template's `ignore_checks` is obeyed (FIRELENS_ALLOW_TEMPLATE_SUPPRESSIONS). */
  readonly allowTemplateSuppressions: readonly string[];
  /** What could not be checked (FL0003, FL1303) fails the hook as an error (FIRELENS_FAIL_ON_UNCHECKED). */
  readonly failOnUnchecked: boolean;
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
      if (!declaresResources(prepared.template)) {
        throw new HookFailureError(`the payload carries no template: ${noResourcesReason(prepared.template)}`);
      }
      return checkAndReport(event, prepared, config, deps);
  }
};

/**
 * A deployable template declares at least one resource ("the only required section is the Resources section,
 * which must declare at least one resource": https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-guide.html).
 * `{}` or a template without Resources is not what CloudFormation deploys, so a SUCCESS for it would vouch for
 * nothing. A Resources value that is not an object goes on to the rules, which report it (FL0000).
 */
const declaresResources = (template: JsonObject): boolean => {
  const resources = template['Resources'];
  return resources !== undefined && resources !== null && (!isObject(resources) || Object.keys(resources).length > 0);
};

const noResourcesReason = (template: JsonObject): string =>
  template['Resources'] === undefined || template['Resources'] === null
    ? 'it has no Resources section'
    : 'its Resources section declares no resource';

/** The rules over what CloudFormation deploys (with the task definitions services name from outside it). */
const checkAndReport = async (
  event: HookEvent,
  prepared: ExpandedTemplate,
  config: HookConfig,
  deps: HookDependencies,
): Promise<HookEvaluation> => {
  const pseudoParameters = pseudoParametersOf(event, config.region);
  const lookups = config.ecsLookup.enabled && deps.describeTaskDefinition !== undefined;
  const external = lookups
    ? await resolveExternalTaskDefinitions(prepared.output, deps.describeTaskDefinition, deps.signal, pseudoParameters)
    : new Map<string, JsonObject>();
  const suppressed: SuppressedFinding[] = [];
  const findings = checkTemplate(
    prepared,
    {
      ignoreRules: config.ignoreRules,
      onlyRules: config.onlyRules,
      ruleOptions: { strictPort24224: config.strictPort24224, macroName: config.macroName, configureRules: config.configureRules ?? {} },
      externalTaskDefinitions: external,
      pseudoParameters,
      // The template does not switch off the control that checks it: only what the hook's own settings allow.
      templateSuppressions: { allow: config.allowTemplateSuppressions },
      onSuppressed: (s) => suppressed.push(s),
    },
    deps.deadline,
  ).map((finding) => hookSeverity(finding, config.failOnUnchecked));
  const response = buildComplianceResponse(findings, {
    clientRequestToken: event.clientRequestToken,
    warningsAsErrors: config.warningsAsErrors,
    notes: hookNotes(findings, suppressed, lookups),
    ...(deps.rules
      ? { rules: deps.rules, skippedRuleIds: skippedRules(deps.rules, config), suppressedBy: suppressedByRule(suppressed) }
      : {}),
  });
  // Past the deadline, a SUCCESS would come too late for CloudFormation to see: answer FAILED instead.
  deps.deadline?.('report');
  return { response, findings: countFindings(findings), externalTaskDefinitions: external.size, expanded: prepared.expanded };
};

/**
 * Region, account and partition of the deploy, for `Fn::Sub` task definition ARNs: the stack ARN's, else the
 * event's account and the Lambda's Region (a hook runs in the Region of the stacks it checks).
 */
export const pseudoParametersOf = (event: HookEvent, lambdaRegion: string | undefined): PseudoParameters => {
  const arn = /^arn:([a-z-]+):cloudformation:([a-z0-9-]+):(\d{12}):/.exec(event.stackId ?? '');
  const region = arn?.[2] ?? lambdaRegion;
  const accountId = event.awsAccountId ?? arn?.[3];
  const partition = arn?.[1] ?? (region === undefined ? undefined : partitionOfRegion(region));
  return {
    ...(region === undefined ? {} : { region }),
    ...(accountId === undefined ? {} : { accountId }),
    ...(partition === undefined ? {} : { partition }),
  };
};

/** https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html: China and GovCloud Regions have their own. */
const partitionOfRegion = (region: string): string =>
  region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';

/** Remarks right after the summary: what went unchecked, and what the template's own suppressions did. */
const hookNotes = (findings: readonly Finding[], suppressed: readonly SuppressedFinding[], lookups: boolean): string[] => {
  const notes: string[] = [];
  const unchecked = findings.filter((f) => f.ruleId === TASK_DEFINITION_UNCHECKED_META.id).length;
  if (unchecked > 0) {
    const what = unchecked === 1 ? '1 service task definition was' : `${String(unchecked)} service task definitions were`;
    notes.push(`${what} not checked (FL0003${lookups ? '' : ', ECS lookups are off'})`);
  }
  const honoured = suppressed.filter((s) => s.honoured).length;
  const refused = suppressed.length - honoured;
  if (honoured > 0) {
    notes.push(`${String(honoured)} finding(s) suppressed by the template's ignore_checks, as FIRELENS_ALLOW_TEMPLATE_SUPPRESSIONS allows`);
  }
  if (refused > 0) {
    notes.push(`the template's ignore_checks were not obeyed for ${String(refused)} finding(s): the hook's settings decide`);
  }
  return notes;
};

/** Rule id → who suppressed its findings, for the SKIPPED annotation of a rule whose every finding was suppressed. */
const suppressedByRule = (suppressed: readonly SuppressedFinding[]): ReadonlyMap<string, string> => {
  const byRule = new Map<string, Set<string>>();
  for (const { finding, by, honoured } of suppressed) {
    if (honoured) {
      byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? new Set()).add(describeSuppression(by)));
    }
  }
  return new Map(
    [...byRule].map(([id, sources]) => [
      id,
      `Suppressed by the template (${[...sources].sort().join('; ')}), allowed by the hook's FIRELENS_ALLOW_TEMPLATE_SUPPRESSIONS`,
    ]),
  );
};

const parseFailure = (error: TemplateParseError): HookFailureError => {
  const where = error.line === undefined ? '' : ` (line ${String(error.line)}, column ${String(error.column ?? 1)})`;
  return new HookFailureError(`the template could not be parsed${where}: ${error.message}`, { cause: error });
};

/** Rule ids the hook's own configuration kept from running, and why (the SKIPPED annotation says it). */
const skippedRules = (rules: readonly RuleMeta[], config: HookConfig): ReadonlyMap<string, string> =>
  new Map(
    rules
      .filter((rule) => !isSelected(rule.id, config))
      .map((rule) => [
        rule.id,
        isSelected(rule.id, { ignoreRules: config.ignoreRules })
          ? "Switched off by the hook's own configuration (not in FIRELENS_ONLY_CHECKS)"
          : "Switched off by the hook's own configuration (FIRELENS_IGNORE_CHECKS)",
      ]),
  );

const countFindings = (findings: readonly Finding[]): HookEvaluation['findings'] => ({
  error: findings.filter((f) => f.severity === 'error').length,
  warning: findings.filter((f) => f.severity === 'warning').length,
  informational: findings.filter((f) => f.severity === 'informational').length,
});
