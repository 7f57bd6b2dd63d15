import type { Json } from '../../template/intrinsics';
import type { FireLensTask } from '../task';
import type { FireLensSpec, RouteSpec } from '../types';

/** How the FireLens settings treat one container (what the selection checks judge). */
export interface ContainerChoice {
  readonly index: number;
  /** Literal Name; undefined when missing or an intrinsic. */
  readonly name: string | undefined;
  /** For messages: `container "app"`, or `container 2` without a literal Name. */
  readonly label: string;
  readonly override: RouteSpec | false | undefined;
  /** Whether FireLens.Containers lists it; undefined when there is no such list. */
  readonly listed: boolean | undefined;
  readonly isRouter: boolean;
  /** Chosen to log through FireLens (whether its own LogConfiguration allows that is a separate matter). */
  readonly selected: boolean;
}

/** A container that logs through FireLens, and with which route. */
export interface Routed {
  readonly index: number;
  /** The container's Name as written: a literal, or an intrinsic function passed through. */
  readonly name: Json;
  readonly route: RouteSpec;
}

/**
 * Every container's choice: the router never logs through itself; a FireLens.Containers list decides
 * alone; without one, every container without a LogConfiguration, or with FireLens settings, is chosen.
 */
export const chooseContainers = (spec: FireLensSpec, task: FireLensTask, routerIndex: number | undefined): ContainerChoice[] =>
  task.containers.map((container, index) => {
    const override = spec.containerRoutes.get(index);
    const name = task.view.containers[index]?.name;
    const listed = spec.containers === undefined ? undefined : name !== undefined && spec.containers.includes(name);
    const isRouter = index === routerIndex;
    return {
      index,
      name,
      label: name === undefined ? `container ${String(index)}` : `container "${name}"`,
      override,
      listed,
      isRouter,
      selected: !isRouter && override !== false && (listed ?? (container['LogConfiguration'] === undefined || override !== undefined)),
    };
  });

/** The chosen containers that have no LogConfiguration of their own (one that has is refused by validation). */
export const routedContainers = (spec: FireLensSpec, task: FireLensTask, routerIndex: number | undefined): Routed[] =>
  chooseContainers(spec, task, routerIndex).flatMap(({ index, selected, override }) => {
    const container = task.containers[index];
    if (!selected || container === undefined || container['LogConfiguration'] !== undefined) {
      return [];
    }
    return [{ index, name: container['Name'] ?? null, route: override === undefined || override === false ? spec.route : override }];
  });
