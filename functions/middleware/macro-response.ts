import type { MiddlewareObj, Request } from '@middy/core';

import { cutText } from '../shared/errors';

/** What a macro returns to CloudFormation (template-macros docs: requestId, status, fragment, errorMessage). */
export interface MacroResponse {
  readonly requestId: string;
  readonly status: 'success' | 'failure';
  readonly fragment: unknown;
  readonly errorMessage?: string;
}

export type MacroResult = Omit<MacroResponse, 'requestId'>;

interface ErrorLogger {
  error: (message: string, error: Error | string) => void;
}

/** CloudFormation shows errorMessage in the stack events; keep it readable there. */
export const MAX_ERROR_MESSAGE_LENGTH = 4096;

const requestIdOf = (event: unknown): string =>
  typeof event === 'object' && event !== null && typeof (event as { requestId?: unknown }).requestId === 'string'
    ? (event as { requestId: string }).requestId
    : '';

const fragmentOf = (event: unknown): unknown =>
  typeof event === 'object' && event !== null ? ((event as { fragment?: unknown }).fragment ?? {}) : {};

/** An `errorMessage` cut to MAX_ERROR_MESSAGE_LENGTH characters, ending in "…" when cut. */
export const cutErrorMessage = (message: string): string => cutText(message, MAX_ERROR_MESSAGE_LENGTH);

/**
 * Fills `requestId` (CloudFormation requires it to match the event's) and turns any thrown error into a
 * `failure` response, so the macro never throws out of Lambda. A bug's detail goes to the logs, not to
 * the user, and no partial template is ever returned.
 */
export const macroResponseMiddleware = (options: { logger: ErrorLogger }): MiddlewareObj<unknown, MacroResponse | MacroResult> => {
  const macroResponseMiddlewareAfter = (request: Request<unknown, MacroResponse | MacroResult>): void => {
    const result = request.response;
    if (result !== null) {
      request.response = { requestId: requestIdOf(request.event), ...result };
    }
  };
  const macroResponseMiddlewareOnError = (request: Request<unknown, MacroResponse | MacroResult>): void => {
    options.logger.error('FireLensMacro failed unexpectedly', request.error ?? 'unknown error');
    const requestId = requestIdOf(request.event);
    request.response = {
      requestId,
      status: 'failure',
      fragment: fragmentOf(request.event),
      errorMessage: cutErrorMessage(
        `FireLensMacro failed unexpectedly (request ${requestId || 'unknown'}); the template was not changed. The macro function's logs have the details.`,
      ),
    };
  };
  return { after: macroResponseMiddlewareAfter, onError: macroResponseMiddlewareOnError };
};
