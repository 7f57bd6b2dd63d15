import { ECSClient } from '@aws-sdk/client-ecs';

import { ecsTaskDefinitionLookup } from '../shared/hook/ecs-lookup';
import type { HookConfig } from '../shared/hook/evaluate';
import type { DescribeTaskDefinition } from '../shared/hook/external-task-definitions';

/**
 * DescribeTaskDefinition over a client from configuration: two attempts, short socket timeouts; the
 * endpoint follows the SDK's own configuration (`AWS_ENDPOINT_URL_ECS` included). The handler loads
 * this module only when a lookup is needed, so the SDK stays out of the cold start of every other call.
 */
export const createEcsLookup = (config: HookConfig): DescribeTaskDefinition =>
  ecsTaskDefinitionLookup(
    new ECSClient({
      ...(config.region ? { region: config.region } : {}),
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 1_000, requestTimeout: config.ecsLookup.timeoutMs },
    }),
    config.ecsLookup.timeoutMs,
  );
