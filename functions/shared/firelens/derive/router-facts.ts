import { isObject, type Json, type JsonObject } from '../../template/intrinsics';
import { generatedLogicalId } from '../logical-ids';
import type { FireLensTask } from '../task';
import type { FireLensSpec, GeneratedResource } from '../types';
import { type ConfigDelivery, configDelivery } from './router-config';

/** The task's log router: the one the user wrote (reused), or the one the macro adds. */
export interface RouterFacts {
  /** Index of the first container with a FirelensConfiguration; undefined when the macro adds the router. */
  readonly existingIndex: number | undefined;
  readonly name: string;
  /** `fluentbit` / `fluentd` as the spec or the reused router's FirelensConfiguration says (any value as written). */
  readonly type: Json | undefined;
  /** The reused router's FirelensConfiguration when it is a literal object, else `{}`. */
  readonly existingConfiguration: JsonObject;
  /** Routed containers wait for HEALTHY when the router has a health check, START otherwise. */
  readonly healthy: boolean;
  /** How a new router gets its extra config files (`none` for a reused router, kept as written). */
  readonly config: ConfigDelivery;
}

export const readRouterFacts = (spec: FireLensSpec, task: FireLensTask): RouterFacts => {
  const existing = task.view.routers[0];
  if (existing === undefined) {
    return {
      existingIndex: undefined,
      name: spec.router.name,
      type: spec.router.type,
      existingConfiguration: {},
      healthy: spec.router.healthCheck !== undefined,
      config: configDelivery(spec.router, task.view.isFargate),
    };
  }
  const configuration = existing.firelensConfiguration ?? {};
  return {
    existingIndex: existing.index,
    name: existing.name ?? spec.router.name,
    type: configuration['Type'],
    existingConfiguration: configuration,
    healthy: task.containers[existing.index]?.['HealthCheck'] !== undefined,
    config: { kind: 'none' },
  };
};

/** Where the router's own awslogs go, and the log group the macro creates for it (if it does). */
export interface RouterLogGroup {
  readonly value: Json | undefined;
  readonly resource: GeneratedResource | undefined;
}

export const routerLogGroup = (spec: FireLensSpec, task: FireLensTask, router: RouterFacts): RouterLogGroup => {
  if (router.existingIndex !== undefined) {
    // A router the user wrote already works with the roles they gave it; the one gap the macro closes is
    // a Fargate task with no execution role at all, which cannot register an awslogs router.
    const needsRole = task.view.isFargate && task.properties['ExecutionRoleArn'] === undefined;
    const container = task.containers[router.existingIndex];
    return { value: needsRole && container !== undefined ? awslogsGroupOf(container) : undefined, resource: undefined };
  }
  const logGroup = spec.router.logGroup;
  switch (logGroup.kind) {
    case 'create': {
      const id = generatedLogicalId(spec.logicalId, 'FireLensRouterLogGroup');
      const resource = { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: logGroup.retentionInDays } };
      return { value: { Ref: id }, resource: { logicalId: id, resource } };
    }
    case 'existing':
      return { value: logGroup.name, resource: undefined };
    case 'none':
      return { value: undefined, resource: undefined };
  }
};

/** The awslogs group a container writes to, if it uses awslogs. */
const awslogsGroupOf = (container: JsonObject): Json | undefined => {
  const logConfiguration = container['LogConfiguration'];
  if (!isObject(logConfiguration) || logConfiguration['LogDriver'] !== 'awslogs' || !isObject(logConfiguration['Options'])) {
    return undefined;
  }
  return logConfiguration['Options']['awslogs-group'];
};
