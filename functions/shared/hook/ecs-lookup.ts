import { DescribeTaskDefinitionCommand, type ECSClient } from '@aws-sdk/client-ecs';

import { TaskDefinitionLookupError } from './errors';
import { type DescribeTaskDefinition, toCloudFormationTaskDefinition } from './external-task-definitions';

/**
 * {@link DescribeTaskDefinition} over ECS DescribeTaskDefinition. The client is built by the caller
 * (handler: region, retries and socket timeouts from configuration; tests: a local endpoint); this adds
 * an overall deadline per lookup. Every failure becomes a {@link TaskDefinitionLookupError} naming the
 * reference and the service's error code, never the response body.
 */
export const ecsTaskDefinitionLookup =
  (client: ECSClient, timeoutMs: number): DescribeTaskDefinition =>
  async (reference, signal) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const abortSignal = signal ? AbortSignal.any([timeout, signal]) : timeout;
    try {
      const output = await client.send(new DescribeTaskDefinitionCommand({ taskDefinition: reference }), {
        abortSignal,
      });
      if (!output.taskDefinition) {
        throw new TaskDefinitionLookupError(`ECS DescribeTaskDefinition returned no task definition for ${reference}`);
      }
      return toCloudFormationTaskDefinition(output.taskDefinition as Record<string, unknown>);
    } catch (error) {
      if (error instanceof TaskDefinitionLookupError) {
        throw error;
      }
      if (!timeout.aborted && isSyntaxError(error)) {
        // JSON.parse's message quotes the body around the fault (a task definition may hold plain
        // environment values): neither it nor the error (logged as the cause) go anywhere.
        throw new TaskDefinitionLookupError(`ECS DescribeTaskDefinition for ${reference} failed: the response is not valid JSON`);
      }
      const why = timeout.aborted ? `timed out after ${String(timeoutMs)} ms` : `failed: ${errorCode(error)}`;
      throw new TaskDefinitionLookupError(`ECS DescribeTaskDefinition for ${reference} ${why}`, { cause: error });
    }
  };

const isSyntaxError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'SyntaxError';

/**
 * `AccessDeniedException (User: … is not authorized …)`, `connect ECONNREFUSED 10.0.0.1:443`: the
 * error's name when it says more than "Error", and the first line of its message. Duck-typed: errors
 * from Node's sockets may come from another realm (the SDK then wraps them in "AWS SDK error wrapper
 * for …", which is cut).
 */
const errorCode = (error: unknown): string => {
  if (typeof error !== 'object' || error === null) {
    return 'unknown error';
  }
  const { name, message } = error as { name?: unknown; message?: unknown };
  const label = typeof name === 'string' && name !== '' && name !== 'Error' ? name : undefined;
  const text = typeof message === 'string' ? message.replace(/^AWS SDK error wrapper for (?:\w*Error: )?/, '') : '';
  const first = (text.split('\n')[0] ?? '').slice(0, 200);
  if (first === '' || first === label) {
    return label ?? 'unknown error';
  }
  return label === undefined ? first : `${label} (${first})`;
};
