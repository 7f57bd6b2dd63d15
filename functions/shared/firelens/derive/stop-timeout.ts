import { DEFAULT_ROUTER_STOP_TIMEOUT, MAX_FARGATE_STOP_TIMEOUT } from '../constants';
import type { FireLensTask } from '../task';
import type { Routed } from './selection';

/** What the routed containers' StopTimeouts ask of the router's. */
export interface RoutedStopTimeouts {
  /** Fargate's cap; undefined on EC2, where the agent has none. */
  readonly cap: number | undefined;
  /** The longest routed StopTimeout (0 when none is set). */
  readonly longest: number;
  /** The first routed container whose StopTimeout cannot be read and has no cap to stand in for it. */
  readonly unknownAt: number | undefined;
}

/**
 * Fargate accepts at most 120 s, so there a routed StopTimeout given by an intrinsic counts as 120. On EC2
 * no literal is safe for an unknown value: validation then asks for an explicit router StopTimeout.
 */
export const routedStopTimeouts = (task: FireLensTask, routed: readonly Routed[]): RoutedStopTimeouts => {
  const cap = task.view.isFargate ? MAX_FARGATE_STOP_TIMEOUT : undefined;
  let longest = 0;
  let unknownAt: number | undefined;
  for (const { index } of routed) {
    if (stopTimeoutWritten(task, index) === undefined) {
      continue;
    }
    const seconds = task.view.containers[index]?.stopTimeout ?? cap;
    if (seconds === undefined) {
      unknownAt ??= index;
    } else {
      longest = Math.max(longest, seconds);
    }
  }
  return { cap, longest, unknownAt };
};

/**
 * Long enough for Fluent Bit to flush (30 s, or `flushSeconds` when its config sets a Grace), never shorter
 * than what the routed containers get, within the cap.
 */
export const routerStopTimeout = (explicit: number | undefined, needs: RoutedStopTimeouts, flushSeconds = 0): number =>
  explicit ?? Math.min(needs.cap ?? Number.POSITIVE_INFINITY, Math.max(DEFAULT_ROUTER_STOP_TIMEOUT, needs.longest, flushSeconds));

/** The view reads an intrinsic StopTimeout as undefined, like an absent one; these need the value as written. */
const stopTimeoutWritten = (task: FireLensTask, index: number): unknown => task.containers[index]?.['StopTimeout'];
