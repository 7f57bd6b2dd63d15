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
      const why = timeout.aborted ? `timed out after ${String(timeoutMs)} ms` : `failed: ${errorCode(error)}`;
      throw new TaskDefinitionLookupError(`ECS DescribeTaskDefinition for ${reference} ${why}`, { cause: error });
    }
  };

const errorCode = (error: unknown): string => {
  if (error instanceof Error) {
    const message = error.message.split('\n')[0] ?? '';
    return message === '' || message === error.name ? error.name : `${error.name} (${message.slice(0, 200)})`;
  }
  return 'unknown error';
};
