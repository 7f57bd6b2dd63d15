import type { Problem } from '../errors';
import { isObject, type JsonObject } from '../template/intrinsics';
import { rewrapConditionalFireLens, unwrapConditionalFireLens } from './conditional';
import type { DerivedTask } from './derive/derive-task';
import { emitExpansion } from './emit';
import { planExpansion } from './expand';
import { normalizeFireLens } from './normalize';
import { parseFireLensProperties } from './parse';
import { type FireLensTask, readFireLensTask } from './task';
import type { ExpansionPlan, FireLensSpec } from './types';
import { validateTask } from './validate-task';

export type ExpansionResult =
  | { readonly ok: true; readonly fragment: JsonObject; readonly expanded: readonly ExpansionPlan[] }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/**
 * The macro: every task definition's `FireLens` property expanded (parse → normalize → validate → plan →
 * emit). Returns every problem of every task at once, and never a partial template. A fragment without any
 * FireLens property is returned as it came.
 */
export const expandFragment = (written: JsonObject): ExpansionResult => {
  // A `FireLens: !If [Cond, {…}, !Ref AWS::NoValue]` is expanded as written on, then put under its condition.
  const { fragment, tasks: conditional } = unwrapConditionalFireLens(written);
  const { inputs, problems } = parseFireLensProperties(fragment);
  if (inputs.length === 0 && problems.length === 0) {
    return { ok: true, fragment: written, expanded: [] };
  }
  const resources = isObject(fragment['Resources']) ? fragment['Resources'] : {};
  const parameters = isObject(fragment['Parameters']) ? fragment['Parameters'] : {};
  const valid: { spec: FireLensSpec; task: FireLensTask; derived: DerivedTask }[] = [];
  for (const input of inputs) {
    const normalized = normalizeFireLens(input);
    problems.push(...normalized.problems);
    const resource = resources[input.logicalId];
    if (!isObject(resource)) {
      continue;
    }
    const task = readFireLensTask(input.logicalId, resource, resources, parameters);
    const { problems: taskProblems, derived } = validateTask(normalized.spec, task);
    problems.push(...taskProblems);
    if (normalized.spec !== undefined && derived !== undefined) {
      valid.push({ spec: normalized.spec, task, derived });
    }
  }
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  const plans = valid.map(({ spec, task, derived }) => planExpansion(spec, task, derived));
  const emitted = emitExpansion(fragment, plans);
  if (emitted.fragment === undefined) {
    return { ok: false, problems: emitted.problems };
  }
  if (conditional.size === 0) {
    return { ok: true, fragment: emitted.fragment, expanded: plans };
  }
  const rewrapped = rewrapConditionalFireLens(emitted.fragment, plans, conditional, written);
  return rewrapped.problems.length > 0
    ? { ok: false, problems: rewrapped.problems }
    : { ok: true, fragment: rewrapped.fragment, expanded: plans };
};
