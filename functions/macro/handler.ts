import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';

import { boundMessage, macroResponseMiddleware, type MacroResult } from '../middleware/macro-response';
import { formatProblems } from '../shared/errors';
import { expandAndCheck } from '../shared/firelens/expand-and-check';
import { parseMacroEvent } from '../shared/firelens/macro-event';

const logger = new Logger({ serviceName: 'firelens-macro' });

/** Adapts a macro event to expandFragment and its result back; logs counts and timing, never templates. */
export const expandMacroEvent = (rawEvent: unknown): MacroResult => {
  const parsed = parseMacroEvent(rawEvent);
  if ('errors' in parsed) {
    logger.warn('Malformed macro event', { errors: parsed.errors });
    return { status: 'failure', fragment: {}, errorMessage: `FireLensMacro received a malformed event: ${parsed.errors.join('; ')}` };
  }
  const started = performance.now();
  const result = expandAndCheck(parsed.event.fragment);
  const durationMs = Math.round((performance.now() - started) * 100) / 100;
  if (!result.ok) {
    logger.info('Expansion refused', { problems: result.problems.length, durationMs });
    return { status: 'failure', fragment: parsed.event.fragment, errorMessage: boundMessage(formatProblems(result.problems)) };
  }
  logger.info('Expanded', {
    taskDefinitions: result.expanded.map((p) => ({
      logicalId: p.logicalId,
      routedContainers: p.routedContainers,
      generated: p.resources.map((r) => r.logicalId),
    })),
    durationMs,
  });
  return { status: 'success', fragment: result.fragment };
};

export const handler = middy<unknown, MacroResult>()
  .use(injectLambdaContext(logger))
  .use(macroResponseMiddleware({ logger }))
  .handler(async (event) => Promise.resolve(expandMacroEvent(event)));
