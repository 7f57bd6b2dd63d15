/**
 * Errors the hook turns into `FAILED` + `InternalFailure`: the hook could not evaluate the request.
 * Their messages are written to be shown to the user as they are; they never carry the payload
 * URL's query string (it holds credentials) nor template contents.
 */
export class HookFailureError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HookFailureError';
  }
}

/** The invocation event does not have the shape CloudFormation documents. */
export class HookEventError extends HookFailureError {
  public constructor(message: string) {
    super(`malformed hook event: ${message}`);
    this.name = 'HookEventError';
  }
}

/** The template payload could not be fetched (refused URL, timeout, non-2xx, too large, bad JSON). */
export class PayloadFetchError extends HookFailureError {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(`template payload: ${message}`, options);
    this.name = 'PayloadFetchError';
  }
}

/** ECS DescribeTaskDefinition failed for a task definition a service references from outside the template. */
export class TaskDefinitionLookupError extends HookFailureError {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TaskDefinitionLookupError';
  }
}

/** The hook's configuration (environment) has a value it cannot use. */
export class HookConfigError extends HookFailureError {
  public constructor(message: string) {
    super(`hook configuration: ${message}`);
    this.name = 'HookConfigError';
  }
}

const STAGE_WORDS: Readonly<Record<string, string>> = {
  load: 'while reading the template',
  expand: 'while expanding the template',
  rules: 'while checking the rules',
  report: 'before answering',
};

/** The hook's work budget (the Lambda's remaining time less a margin) ran out: FAILED, never a late SUCCESS. */
export class HookDeadlineError extends HookFailureError {
  public constructor(stage: string) {
    super(`it ran out of time ${STAGE_WORDS[stage] ?? `in ${stage}`} (its work budget is the Lambda's remaining time less a margin)`);
    this.name = 'HookDeadlineError';
  }
}
