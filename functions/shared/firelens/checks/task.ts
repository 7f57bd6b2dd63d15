import type { Problem } from '../../errors';
import { mappedPortKeys } from '../../template/view-network';
import { FLUENT_FORWARD_PORT } from '../constants';
import { type FireLensTask, taskProblem } from '../task';

/** FireLens is not supported for Windows containers on Fargate (ECS developer guide, using_firelens). */
export const checkPlatform = (task: FireLensTask): Problem[] =>
  task.view.isFargate && task.view.operatingSystemFamily?.toUpperCase().startsWith('WINDOWS') === true
    ? [taskProblem(task, ['RuntimePlatform', 'OperatingSystemFamily'], 'FireLens is not supported for Windows containers on Fargate')]
    : [];

/**
 * The router's forward input listens on 24224; a port mapping on it, or a port range that includes it,
 * exposes the log stream to the network.
 */
export const checkForwardPort = (task: FireLensTask): Problem[] =>
  task.view.containers.flatMap((container) =>
    container.portMappings.flatMap((mapping) =>
      mappedPortKeys(mapping, FLUENT_FORWARD_PORT).map((key) => ({
        logicalId: task.logicalId,
        path: [...mapping.path, key],
        message: `port ${String(FLUENT_FORWARD_PORT)} is FireLens's forward input; mapping it lets anything on the network write logs into the task`,
      })),
    ),
  );
