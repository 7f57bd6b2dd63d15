import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddyHandlerObject } from '@middy/core';
import type { Context } from 'aws-lambda';

import { hookResponseMiddleware } from '../middleware/hook-response';
import { HookDeadlineError } from '../shared/hook/errors';
import type { HookConfig } from '../shared/hook/evaluate';
import { evaluateHook } from '../shared/hook/evaluate';
import type { DescribeTaskDefinition } from '../shared/hook/external-task-definitions';
import { parseHookEvent } from '../shared/hook/parse-event';
import type { HookResponse } from '../shared/hook/types';
import { catalog } from '../shared/rules/catalog';
import { readHookConfig } from './config';

const logger = new Logger({ serviceName: 'firelens-hook' });
const ruleMetas = catalog.map((rule) => rule.meta);

/**
 * DescribeTaskDefinition, with the ECS client (and the AWS SDK, most of this bundle's import time) loaded
 * on the first lookup: most invocations need none.
 */
const lazyEcsLookup = (config: HookConfig): DescribeTaskDefinition => {
  let lookup: Promise<DescribeTaskDefinition> | undefined;
  return async (reference, signal) => {
    lookup ??= import('./ecs-client').then(({ createEcsLookup }) => createEcsLookup(config));
    return (await lookup)(reference, signal);
  };
};

/**
 * The hook stops its synchronous work (reading, expanding, checking) this long before the Lambda's end: more
 * than middy's early timeout below, so that it answers FAILED / InternalFailure itself instead of a late SUCCESS.
 */
const WORK_MARGIN_MS = 1_500;

const workDeadline = (context: Context): ((stage: string) => void) => {
  const deadline = Date.now() + context.getRemainingTimeInMillis() - WORK_MARGIN_MS;
  return (stage) => {
    if (Date.now() > deadline) {
      throw new HookDeadlineError(stage);
    }
  };
};

const lambdaHandler = async (event: unknown, context: Context, { signal }: MiddyHandlerObject): Promise<HookResponse> => {
  const started = Date.now();
  const config = readHookConfig(process.env);
  const hookEvent = parseHookEvent(event);
  logger.appendKeys({
    clientRequestToken: hookEvent.clientRequestToken,
    targetType: hookEvent.kind,
    targetName: hookEvent.targetName,
    logicalId: hookEvent.targetLogicalId,
    action: hookEvent.action ?? 'UNKNOWN',
  });
  const evaluation = await evaluateHook(hookEvent, config, {
    rules: ruleMetas,
    describeTaskDefinition: config.ecsLookup.enabled ? lazyEcsLookup(config) : undefined,
    signal,
    deadline: workDeadline(context),
  });
  logger.info('FireLens hook evaluated', {
    hookStatus: evaluation.response.hookStatus,
    errorCode: evaluation.response.errorCode,
    findings: evaluation.findings,
    externalTaskDefinitions: evaluation.externalTaskDefinitions,
    expanded: evaluation.expanded,
    skipped: evaluation.skipped,
    durationMs: Date.now() - started,
  });
  return evaluation.response;
};

/** CloudFormation Lambda hook entry: parse, evaluate, answer; every failure becomes InternalFailure. */
export const handler = middy<unknown, HookResponse | undefined>({ timeoutEarlyInMillis: 1_000 })
  // Never the event, whatever POWERTOOLS_LOGGER_LOG_EVENT says: its payload URL is presigned (the query
  // string holds credentials). The explicit `false` wins over the environment variable.
  .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
  .use(hookResponseMiddleware({ logger }))
  .handler(lambdaHandler);
