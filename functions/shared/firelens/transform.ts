import { type Json, type JsonObject } from '../template/intrinsics';
import { expandFragment, type ExpansionResult } from './expand-fragment';

/** The name templates give the macro in `Transform` unless told otherwise (template.yaml's MacroName default). */
export const DEFAULT_MACRO_NAME = 'FireLensMacro';

/** Whether a template's `Transform` names the macro (alone or in a list). */
export const usesMacro = (template: JsonObject, macroName = DEFAULT_MACRO_NAME): boolean => {
  const transform = template['Transform'];
  return transform === macroName || (Array.isArray(transform) && transform.includes(macroName));
};

/**
 * What CloudFormation does for a template-level transform, for the CLI, lint and the hook: the macro
 * gets the template without its own Transform entry, and other transforms stay listed.
 */
export const expandTemplate = (template: JsonObject, macroName = DEFAULT_MACRO_NAME): ExpansionResult => {
  const fragment: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (key !== 'Transform') {
      fragment[key] = value;
    }
  }
  const result = expandFragment(fragment);
  if (!result.ok) {
    return result;
  }
  const transform = template['Transform'];
  const rest: Json[] = Array.isArray(transform)
    ? transform.filter((t) => t !== macroName)
    : transform === macroName || transform === undefined
      ? []
      : [transform];
  if (rest.length === 0) {
    return result;
  }
  const out: JsonObject = {};
  for (const key of Object.keys(template)) {
    out[key] = key === 'Transform' ? (rest.length === 1 ? (rest[0] ?? null) : rest) : (result.fragment[key] ?? null);
  }
  return { ...result, fragment: out };
};
