/**
 * The log line size each task's FireLens property declares (`AverageLogLineBytes`), so the rules that run
 * over the macro's output estimate that task's buffers as the macro did, not at their own default.
 */
import { isObject, type JsonObject, literalInteger } from '../template/intrinsics';
import { DEFAULT_AVERAGE_LOG_LINE_BYTES } from '../template/task-memory';

/**
 * Logical id → the smallest line size the task's FireLens property and its containers' overrides declare
 * (2048 where the task writes none). The smallest, so the rules never count a buffer as larger than the macro,
 * which has already checked each container's buffer at its own size, did.
 */
export const declaredLineSizes = (template: JsonObject): Record<string, number> => {
  const resources = isObject(template['Resources']) ? template['Resources'] : {};
  const sizes: Record<string, number> = {};
  for (const [logicalId, resource] of Object.entries(resources)) {
    const properties = isObject(resource) && isObject(resource['Properties']) ? resource['Properties'] : undefined;
    const fireLens = properties?.['FireLens'];
    if (!isObject(fireLens)) {
      continue;
    }
    const containers = Array.isArray(properties?.['ContainerDefinitions']) ? properties['ContainerDefinitions'] : [];
    const overrides = containers.flatMap((c) => {
      const own = isObject(c) && isObject(c['FireLens']) ? literalInteger(c['FireLens']['AverageLogLineBytes']) : undefined;
      return own === undefined ? [] : [own];
    });
    sizes[logicalId] = Math.min(literalInteger(fireLens['AverageLogLineBytes']) ?? DEFAULT_AVERAGE_LOG_LINE_BYTES, ...overrides);
  }
  return sizes;
};
