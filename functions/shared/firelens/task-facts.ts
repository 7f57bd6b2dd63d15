import { isObject, type JsonObject, literalInteger, literalString } from '../template/intrinsics';
import { parseMemory } from '../template/view';

/**
 * Facts about a task definition's Properties that the expansion and its checks need, read once.
 * Every fact is `undefined` when the template holds an intrinsic there (unknown until deploy).
 */
export interface TaskFacts {
  readonly isFargate: boolean;
  readonly isWindows: boolean;
  /** Literal network mode, or `bridge` when omitted (the EC2 Linux default). */
  readonly networkMode: string | undefined;
  readonly memoryMiB: number | undefined;
  readonly memorySet: boolean;
}

export const readTaskFacts = (properties: JsonObject): TaskFacts => {
  const compatibilities = properties['RequiresCompatibilities'];
  const platform = properties['RuntimePlatform'];
  const family = isObject(platform) ? literalString(platform['OperatingSystemFamily']) : undefined;
  const networkMode = properties['NetworkMode'];
  return {
    isFargate: Array.isArray(compatibilities) && compatibilities.includes('FARGATE'),
    isWindows: family !== undefined && family.toUpperCase().startsWith('WINDOWS'),
    networkMode: networkMode === undefined ? 'bridge' : literalString(networkMode),
    memoryMiB: parseMemory(properties['Memory']),
    memorySet: properties['Memory'] !== undefined,
  };
};

/** A container's memory in MiB: its hard limit, else its reservation; undefined when unknown. */
export const containerMemoryMiB = (container: JsonObject): { mib: number; known: boolean } => {
  const hard = container['Memory'];
  const soft = container['MemoryReservation'];
  const value = hard ?? soft;
  if (value === undefined) {
    return { mib: 0, known: true };
  }
  const mib = literalInteger(value);
  return mib === undefined ? { mib: 0, known: false } : { mib, known: true };
};
