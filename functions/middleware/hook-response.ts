import type { MiddlewareObj, Request } from '@middy/core';

import { cutText } from '../shared/errors';
import { HookFailureError } from '../shared/hook/errors';
import { MESSAGE_LIMIT } from '../shared/hook/report';
import type { HookResponse } from '../shared/hook/types';

/** The little of a logger this middleware needs (Powertools' Logger fits). */
export interface ErrorLogger {
  error(message: string, ...extra: unknown[]): void;
}

export interface HookResponseMiddlewareOptions {
  readonly logger?: ErrorLogger;
  /** Longest `message` returned; the stricter documented limit (1,024) by default. */
  readonly messageLimit?: number;
}

type HookRequest = Request<unknown, HookResponse | undefined>;

/**
 * Makes the hook answer, whatever happens: a thrown error becomes `FAILED` + `InternalFailure` with
 * the request's `clientRequestToken` (never a false SUCCESS, never an error out of the Lambda), and
 * every message is bounded. Errors the core raises on purpose ({@link HookFailureError}) are shown as
 * they are; anything else is logged and reported generically with the request id.
 */
export const hookResponseMiddleware = (options: HookResponseMiddlewareOptions = {}): MiddlewareObj<unknown, HookResponse | undefined> => {
  const limit = options.messageLimit ?? MESSAGE_LIMIT;

  const hookResponseMiddlewareAfter = (request: HookRequest): void => {
    const response = request.response;
    if (response?.message !== undefined && response.message.length > limit) {
      request.response = { ...response, message: cutText(response.message, limit) };
    }
  };

  const hookResponseMiddlewareOnError = (request: HookRequest): void => {
    const error = request.error;
    options.logger?.error('FireLens hook could not evaluate the request', error);
    request.response = {
      hookStatus: 'FAILED',
      errorCode: 'InternalFailure',
      clientRequestToken: clientRequestTokenOf(request.event),
      message: cutText(failureMessage(error, request.context.awsRequestId), limit),
    };
  };

  return {
    name: 'hookResponseMiddleware',
    after: hookResponseMiddlewareAfter,
    onError: hookResponseMiddlewareOnError,
  };
};

const failureMessage = (error: unknown, requestId: string | undefined): string => {
  const prefix = 'FireLens hook could not evaluate the request';
  if (error instanceof HookFailureError) {
    return `${prefix}: ${error.message}`;
  }
  const where = requestId ? `; see the function's logs, request id ${requestId}` : "; see the function's logs";
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `${prefix}: it ran out of time${where}`;
  }
  const name = error instanceof Error ? error.name : typeof error;
  return `${prefix}: internal error (${name})${where}`;
};

/** Best effort on an event that may be malformed: either documented spelling, else empty. */
const clientRequestTokenOf = (event: unknown): string => {
  if (typeof event !== 'object' || event === null) {
    return '';
  }
  const record = event as Record<string, unknown>;
  const token = record['clientRequestToken'] ?? record['clientRequesttoken'];
  return typeof token === 'string' ? token : '';
};
