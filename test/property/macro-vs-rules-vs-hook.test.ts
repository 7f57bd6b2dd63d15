import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';

import { lintText } from '../../functions/cli/lint-command';
import { runCli } from '../../functions/cli/main';
import { handler as hookHandler } from '../../functions/hook/handler';
import { expandTemplate, usesMacro } from '../../functions/shared/firelens';
import type { HookResponse } from '../../functions/shared/hook/types';
import { UNCHECKED_RULE_IDS } from '../../functions/shared/hook/unchecked';
import { lintTemplate } from '../../functions/shared/rules/lint';
import type { Finding } from '../../functions/shared/rules/types';
import { isObject, type Json, type JsonObject } from '../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../functions/shared/template/load';
import { createLambdaContext } from '../helpers/lambda-context';
import { type LocalServer, startLocalServer } from '../unit/hook/local-servers';
import { fireLensTemplate, type FireLensTemplateCase, mutatedTemplate, withoutTransform } from './arbitraries';
import { invokeMacro, PROPERTY_TIMEOUT_MS, silenceLogs } from './harness';
import { PROPERTY_RUNS } from './run-counts';

/**
 * The macro, the rules and the hook agree on generated templates:
 * - `firelens expand` exits 0 exactly when the deployed macro answers success;
 * - the macro accepts exactly what the rules accept (`firelens lint`, which expands first);
 * - the hook on the STACK target (template served as JSON or YAML text) fails exactly when lint finds
 *   an error, so whatever lint rejects the hook rejects and it never answers a false SUCCESS;
 * - when the macro accepts, the hook accepts every task definition of its output as a RESOURCE target
 *   (properties as written, or with every number and boolean turned into a string, as hooks receive them);
 * - a task definition with an error that needs nothing but the task itself is refused by the RESOURCE
 *   target too.
 * The hook runs through its real middy handler, with the ECS lookup off.
 */

/**
 * Rules that look beyond the task definition (services, security groups, roles, launch templates, the
 * template's Transform): a resource target, which sees the task alone, cannot judge them.
 */
const CROSS_RESOURCE_RULES = new Set(['FL1010', 'FL1011', 'FL1105', 'FL1301', 'FL1601', 'FL1602', 'FL1603', 'FL1604', 'FL1702']);

const HOOK_ENV: Readonly<Record<string, string>> = {
  HOOK_PAYLOAD_ALLOWED_HOSTS: '127.0.0.1',
  HOOK_PAYLOAD_ALLOW_HTTP: 'true',
  HOOK_PAYLOAD_TIMEOUT_MS: '5000',
  HOOK_ECS_LOOKUP: 'false',
  AWS_REGION: 'eu-west-1',
};

silenceLogs();

let server: LocalServer;
const payloads = new Map<string, string>();
const savedEnv = { ...process.env };
let counter = 0;

beforeAll(async () => {
  server = await startLocalServer((request, response) => {
    const body = payloads.get(request.url.split('?')[0] ?? '');
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(body ?? '');
  });
  Object.assign(process.env, HOOK_ENV);
});

afterAll(async () => {
  await server.close();
  for (const key of Object.keys(HOOK_ENV)) {
    if (savedEnv[key] === undefined) {
      delete process.env[key];
    } else {
      process.env[key] = savedEnv[key];
    }
  }
});

const BASE_EVENT = {
  clientRequestToken: 'prop-token',
  awsAccountId: '111122223333',
  stackId: 'arn:aws:cloudformation:eu-west-1:111122223333:stack/prop/1',
  changeSetId: null,
  hookTypeName: 'Private::FireLens::Hook',
  hookTypeVersion: '00000001',
  hookModel: { LambdaFunction: 'arn:aws:lambda:eu-west-1:111122223333:function:hook' },
  actionInvocationPoint: 'CREATE_PRE_PROVISION',
  requestContext: { invocation: 1, callbackContext: null },
};

const invokeHook = async (event: JsonObject): Promise<HookResponse> => (await hookHandler(event, createLambdaContext())) as HookResponse;

/** The STACK target: the template text is served from the loopback server as CloudFormation's payload. */
const hookOnStack = async (text: string): Promise<HookResponse> => {
  counter += 1;
  const path = `/stack/${String(counter)}.json`;
  payloads.set(path, JSON.stringify({ template: text, previousTemplate: '' }));
  try {
    return await invokeHook({
      ...BASE_EVENT,
      requestData: {
        targetName: 'STACK',
        targetType: 'STACK',
        targetLogicalId: 'prop',
        payload: `${server.origin}${path}?X-Amz-Signature=0`,
      },
    });
  } finally {
    payloads.delete(path);
  }
};

const hookOnTask = async (logicalId: string, properties: Json): Promise<HookResponse> =>
  invokeHook({
    ...BASE_EVENT,
    requestData: {
      targetName: 'AWS::ECS::TaskDefinition',
      targetType: 'AWS::ECS::TaskDefinition',
      targetLogicalId: logicalId,
      targetModel: { resourceProperties: properties },
    },
  });

/** Resource properties as hooks receive them: numbers and booleans as strings. */
const stringifyScalars = (value: Json): Json => {
  if (Array.isArray(value)) {
    return value.map(stringifyScalars);
  }
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, stringifyScalars(child)]));
  }
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
};

const taskDefinitions = (template: JsonObject): [string, Json][] => {
  const resources = template['Resources'];
  return isObject(resources)
    ? Object.entries(resources).flatMap(([id, r]) =>
        isObject(r) && r['Type'] === 'AWS::ECS::TaskDefinition' && isObject(r['Properties'])
          ? [[id, r['Properties']] as [string, Json]]
          : [],
      )
    : [];
};

/** The template as the loader reads the text (what the hook and lint see); undefined when it cannot. */
const parseText = (text: string): JsonObject | undefined => {
  try {
    return loadTemplate(text).template;
  } catch {
    return undefined;
  }
};

/** `firelens expand` on the text, in process: its exit status (0 when it prints the expansion). */
const expandCliStatus = async (text: string): Promise<number> =>
  runCli(['expand', 'template.yaml'], { stdout: () => undefined, stderr: () => undefined, readFile: () => text });

/** No Resources section, or one with no entry: the hook answers that the payload carries no template. */
const declaresNoResource = (template: JsonObject): boolean => {
  const resources = template['Resources'];
  return resources === undefined || resources === null || (isObject(resources) && Object.keys(resources).length === 0);
};

const errorsOf = (findings: readonly Finding[]): Finding[] => findings.filter((f) => f.severity === 'error');

const describe_ = (findings: readonly Finding[]): string => findings.map((f) => `${f.ruleId} ${f.path.join('/')}: ${f.message}`).join('; ');

interface Variant {
  readonly yaml: boolean;
  readonly stringified: boolean;
}

const checkAgreement = async (c: FireLensTemplateCase, what: string, variant: Variant): Promise<void> => {
  // Arrange
  const text = variant.yaml ? toYaml(c.template, { aliasDuplicateObjects: false }) : JSON.stringify(c.template);
  const failures: string[] = [];

  // The macro gets the template as the loader reads the text, as the hook and lint do: the text may not
  // say the same as the object (an integer beyond 2^53 is kept as written, a string).
  const parsed = parseText(text);

  // Act
  const macro = await invokeMacro(withoutTransform(parsed ?? c.template));
  const lintFindings = lintText(text, 'template', {});
  const lintErrors = errorsOf(lintFindings);
  // The hook fails closed on what could not be checked (FL0003, FL1303), which lint reports as warnings.
  const hookErrors = [...lintErrors, ...lintFindings.filter((f) => UNCHECKED_RULE_IDS.has(f.ruleId))];
  const stack = await hookOnStack(text);

  // Assert: `firelens expand` refuses exactly what the deployed macro refuses.
  if (parsed !== undefined) {
    const cli = await expandCliStatus(text);
    if ((cli === 0) !== (macro.status === 'success')) {
      failures.push(`firelens expand exited ${String(cli)} but the macro answered ${macro.status} (${macro.errorMessage ?? ''})`);
    }
  }

  // Assert: macro ⇔ rules (when the template names the macro), rules ⇔ hook on the stack.
  if (parsed !== undefined && usesMacro(parsed) && (macro.status === 'success') !== (lintErrors.length === 0)) {
    failures.push(
      `macro answered ${macro.status} (${macro.errorMessage ?? ''}) but lint found ${String(lintErrors.length)} errors: ${describe_(lintErrors)}`,
    );
  }
  if (parsed !== undefined && declaresNoResource(parsed)) {
    // Not a deployable template (CloudFormation requires a resource): the hook vouches for nothing.
    if (
      stack.hookStatus !== 'FAILED' ||
      !/the payload carries no template|NonCompliant/.test(`${stack.message ?? ''} ${stack.errorCode ?? ''}`)
    ) {
      failures.push(`a template without resources, but the stack hook answered ${stack.hookStatus}: ${stack.message ?? ''}`);
    }
  } else if (hookErrors.length > 0 && stack.hookStatus !== 'FAILED') {
    failures.push(`lint found errors (${describe_(hookErrors)}) but the stack hook answered ${stack.hookStatus}: ${stack.message ?? ''}`);
  } else if (hookErrors.length === 0 && stack.hookStatus !== 'SUCCESS') {
    failures.push(`lint found no error but the stack hook answered ${stack.hookStatus}: ${stack.message ?? ''}`);
  }

  // Assert: what the macro emits passes the hook resource by resource.
  if (macro.status === 'success') {
    const output = macro.fragment as JsonObject;
    const outputFindings = lintTemplate(output);
    const outputErrors = errorsOf(outputFindings);
    if (outputErrors.length > 0) {
      failures.push(`the macro's output has lint errors: ${describe_(outputErrors)}`);
    }
    for (const [id, properties] of taskDefinitions(output)) {
      // The resource target sees the task alone: no Conditions or Parameters, so a branch the stack rules out
      // is still possible there, and a value nobody can know (FL1303) fails it closed.
      const alone = lintTemplate({ Resources: { [id]: { Type: 'AWS::ECS::TaskDefinition', Properties: properties } } });
      const refusals = alone.filter((f) => f.severity === 'error' || UNCHECKED_RULE_IDS.has(f.ruleId));
      const answer = await hookOnTask(id, variant.stringified ? stringifyScalars(properties) : properties);
      if (answer.hookStatus !== (refusals.length > 0 ? 'FAILED' : 'SUCCESS')) {
        failures.push(
          `the resource hook answered ${answer.hookStatus} for ${id} of the macro's output (alone: ${describe_(refusals)}): ${answer.message ?? ''}`,
        );
      }
    }
  }

  // Assert: a task-local error of the expanded template fails the resource target of that task.
  const expanded = parsed !== undefined && usesMacro(parsed) ? expandTemplate(parsed) : undefined;
  if (expanded?.ok === true) {
    // A resource target carries no Parameters section (CloudFormation hands it resolved values): what only
    // some allowed parameter values break is judged without them here, as the resource hook sees it.
    const { Parameters: _parameters, ...withoutParameters } = expanded.fragment;
    const local = errorsOf(lintTemplate(withoutParameters)).filter(
      (f) => f.ruleId.startsWith('FL1') && !CROSS_RESOURCE_RULES.has(f.ruleId),
    );
    for (const [id, properties] of taskDefinitions(expanded.fragment)) {
      const own = local.filter((f) => f.logicalId === id);
      if (own.length === 0) {
        continue;
      }
      const answer = await hookOnTask(id, variant.stringified ? stringifyScalars(properties) : properties);
      if (answer.hookStatus !== 'FAILED') {
        failures.push(`lint found ${describe_(own)} in ${id}, but the resource hook answered ${answer.hookStatus}`);
      }
    }
  }
  if (failures.length > 0) {
    throw new Error(`${what}:\n${failures.join('\n')}`);
  }
};

const variant = fc.record({ yaml: fc.boolean(), stringified: fc.boolean() });

describe('macro, rules and hook agree', () => {
  it(
    'on valid templates',
    async () => {
      await fc.assert(
        fc.asyncProperty(fireLensTemplate(), variant, (c, v) => checkAgreement(c, c.shape, v)),
        { numRuns: PROPERTY_RUNS.macroRulesHookValid },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'on mutated templates',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedTemplate(), variant, (c, v) => checkAgreement(c, `${c.shape} after [${c.mutations.join('; ')}]`, v)),
        { numRuns: PROPERTY_RUNS.macroRulesHookMutated },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
