import { intrinsicName, isObject } from './intrinsics';
import type { TemplatePath } from './locator';

/** A template whose structure CloudFormation would refuse, found before anything reads it. */
export interface ShapeProblem {
  readonly path: TemplatePath;
  readonly message: string;
}

/** `a string`, `a list`, `an intrinsic function (Fn::If)`, …: what a value is, for messages (never the value itself). */
const describeValue = (value: unknown): string => {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  const intrinsic = intrinsicName(value);
  if (intrinsic !== undefined) {
    return `an intrinsic function (${intrinsic})`;
  }
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      break;
  }
  return typeof value;
};

/**
 * `Resources` must be a mapping of logical ids to resources, each an object with a string `Type`
 * and, if any, object (or intrinsic) `Properties`. `Fn::ForEach::Name` and `Fn::Transform` entries,
 * and resources written as an intrinsic, are left to their transforms.
 */
export const templateShapeProblems = (template: Readonly<Record<string, unknown>>): ShapeProblem[] => {
  const resources = template['Resources'];
  if (resources === undefined) {
    return [];
  }
  const wrapper = intrinsicName(resources);
  if (!isObject(resources) || (wrapper !== undefined && !isTransformEntry(wrapper))) {
    return [{ path: ['Resources'], message: `must be a mapping of logical ids to resources, not ${describeValue(resources)}` }];
  }
  return Object.entries(resources).flatMap(([logicalId, resource]) =>
    isTransformEntry(logicalId) ? [] : resourceShapeProblems(['Resources', logicalId], resource),
  );
};

/** Entries of Resources that a transform replaces: `Fn::ForEach::Name` loops and `Fn::Transform` includes. */
export const isTransformEntry = (key: string): boolean => key.startsWith('Fn::ForEach::') || key === 'Fn::Transform';

const resourceShapeProblems = (path: TemplatePath, resource: unknown): ShapeProblem[] => {
  if (intrinsicName(resource) !== undefined) {
    return [];
  }
  if (!isObject(resource)) {
    return [{ path, message: `must be a resource (an object with Type and Properties), not ${describeValue(resource)}` }];
  }
  const problems: ShapeProblem[] = [];
  const type = resource['Type'];
  if (typeof type !== 'string') {
    problems.push({
      path: [...path, 'Type'],
      message:
        type === undefined
          ? 'is required (a resource type such as AWS::ECS::TaskDefinition)'
          : `must be a resource type name, not ${describeValue(type)}`,
    });
  }
  const properties = resource['Properties'];
  if (properties !== undefined && !isObject(properties)) {
    problems.push({ path: [...path, 'Properties'], message: `must be an object, not ${describeValue(properties)}` });
  }
  return problems;
};
