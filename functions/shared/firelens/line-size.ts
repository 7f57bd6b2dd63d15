/**
 * The log line size a template's FireLens properties declare (`AverageLogLineBytes`), so the rules that
 * run over the macro's output estimate buffers as the macro did, instead of at their own default.
 */
import { isObject, type JsonObject, literalInteger } from '../template/intrinsics';
import { DEFAULT_AVERAGE_LOG_LINE_BYTES } from '../template/task-memory';

const fireLensProperties = (template: JsonObject): JsonObject[] => {
  const resources = isObject(template['Resources']) ? template['Resources'] : {};
  return Object.values(resources).flatMap((resource) => {
    const properties = isObject(resource) && isObject(resource['Properties']) ? resource['Properties'] : undefined;
    const fireLens = properties?.['FireLens'];
    if (!isObject(fireLens)) {
      return [];
    }
    const containers = Array.isArray(properties?.['ContainerDefinitions']) ? properties['ContainerDefinitions'] : [];
    const overrides = containers.flatMap((c) => (isObject(c) && isObject(c['FireLens']) ? [c['FireLens']] : []));
    return [fireLens, ...overrides];
  });
};

/**
 * The one line size every FireLens property of the template uses (default 2048 where none is written);
 * undefined when there is no FireLens property, or when they differ (the rules then keep their own setting).
 */
export const declaredAverageLogLineBytes = (template: JsonObject): number | undefined => {
  const sizes = new Set(
    fireLensProperties(template).map((fireLens) => literalInteger(fireLens['AverageLogLineBytes']) ?? DEFAULT_AVERAGE_LOG_LINE_BYTES),
  );
  return sizes.size === 1 ? [...sizes][0] : undefined;
};
