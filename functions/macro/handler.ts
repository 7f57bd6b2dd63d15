import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';

import { cutErrorMessage, macroResponseMiddleware, type MacroResult } from '../middleware/macro-response';
import { formatProblems } from '../shared/errors';
import { parseMacroEvent } from '../shared/firelens/macro-event';
// The pipeline's core only: the macro is sent an object, and needs no YAML parser in its bundle.
import { refusal, runLoaded } from '../shared/pipeline/core';

const logger = new Logger({ serviceName: 'firelens-macro' });

/** Adapts a macro event to the pipeline and its result back; logs counts and timing, never templates. */
export const expandMacroEvent = (rawEvent: unknown): MacroResult => {
  const parsed = parseMacroEvent(rawEvent);
  if ('errors' in parsed) {
    logger.warn('Malformed macro event', { errors: parsed.errors });
    return { status: 'failure', fragment: {}, errorMessage: `FireLensMacro received a malformed event: ${parsed.errors.join('; ')}` };
  }
  const started = performance.now();
  const result = runLoaded({ template: parsed.event.fragment }, { expand: 'fragment' });
  const problems = refusal(result);
  const durationMs = Math.round((performance.now() - started) * 100) / 100;
  if (result.prepared.stage !== 'expanded' || problems.length > 0) {
    logger.info('Expansion refused', { problems: problems.length, durationMs });
    return { status: 'failure', fragment: parsed.event.fragment, errorMessage: cutErrorMessage(formatProblems(problems)) };
  }
  logger.info('Expanded', {
    taskDefinitions: result.prepared.plans.map((p) => ({
      logicalId: p.logicalId,
      routedContainers: p.routedContainers,
      generated: p.resources.map((r) => r.logicalId),
    })),
    durationMs,
  });
  return { status: 'success', fragment: result.prepared.output };
};

export const handler = middy<unknown, MacroResult>()
  .use(injectLambdaContext(logger))
  .use(macroResponseMiddleware({ logger }))
  .handler(async (event) => Promise.resolve(expandMacroEvent(event)));
