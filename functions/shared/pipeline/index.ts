/**
 * The one pipeline every entry point runs (the macro, `firelens expand`, `firelens lint` and the hook):
 *
 *   text or object → load (with locator) → expand (when the macro applies) → rules → findings
 *
 * Findings and refusals always name what the user wrote: a finding on the macro's output is mapped back
 * through the expansion's source map to the user's path, and located in the user's text. The macro
 * refuses exactly when `refusal(result)` is non-empty, so every entry point agrees on what deploys.
 * This module adds loading text to the stages of core.ts.
 */
import { TemplateParseError } from '../errors';
import type { LintOptions } from '../rules/types';
import type { JsonObject } from '../template/intrinsics';
import { loadTemplate } from '../template/load';
import {
  type Checkpoint,
  finishPipeline,
  type LoadedSource,
  type PipelineOptions,
  type PipelineResult,
  type PreparedTemplate,
  prepareLoaded,
  type StoppedTemplate,
  unreadableTemplate,
} from './core';

export {
  checkTemplate,
  type ExpandedTemplate,
  type PipelineOptions,
  type PipelineResult,
  type PipelineStage,
  type PreparedTemplate,
  refusal,
  unreadableTemplate,
} from './core';

export type TemplateSource = { readonly text: string; readonly filename?: string } | { readonly template: JsonObject };

/** Load and expand: the stages before the rules (the hook looks up task definitions in between). */
export const prepareTemplate = (source: TemplateSource, options: PipelineOptions): PreparedTemplate => {
  const filename = 'text' in source ? source.filename : undefined;
  options.checkpoint?.('load');
  const loaded = 'text' in source ? loadText(source.text, filename, options.checkpoint) : { template: source.template };
  return 'stopped' in loaded ? loaded.stopped : prepareLoaded(loaded, options);
};

/** The whole pipeline, for the entry points that need nothing between expansion and the rules. */
export const runPipeline = (source: TemplateSource, options: PipelineOptions & { readonly lint?: LintOptions }): PipelineResult =>
  finishPipeline(prepareTemplate(source, options), options);

const loadText = (
  text: string,
  filename: string | undefined,
  checkpoint: Checkpoint | undefined,
): LoadedSource | { readonly stopped: StoppedTemplate } => {
  try {
    const { template, locator } = loadTemplate(text, {
      checkpoint: () => {
        checkpoint?.('load');
      },
    });
    return { template, locator, ...(filename === undefined ? {} : { filename }) };
  } catch (error: unknown) {
    if (!(error instanceof TemplateParseError)) {
      throw error;
    }
    return { stopped: unreadableTemplate(error, filename) };
  }
};
