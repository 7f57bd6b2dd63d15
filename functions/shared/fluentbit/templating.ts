/**
 * Fluent Bit fills some option values in at run time, so the value in the template is only a
 * pattern. IAM cannot follow it; the best we can do is the literal part before the first
 * placeholder, followed by `*`.
 *
 * Placeholders recognised (sources in outputs.ts):
 * - `$(ecs_task_id)`, `$(tag)`, `$(tag[0])`, `$(uuid)`, `$(key['sub'])` — Go plugins (cloudwatch, firehose,
 *   kinesis) template syntax.
 * - `${ECS_TASK_ID}` — Fluent Bit substitutes environment variables in any config value; the
 *   aws-for-fluent-bit init image exports the ECS_* variables.
 * - `$TAG`, `$TAG[1]`, `$UUID`, `$INDEX` (s3_key_format) and `$kubernetes['ns']` (record accessor,
 *   cloudwatch_logs log_group_template / log_stream_template).
 * - `%Y`, `%m` … strftime in s3_key_format only: elsewhere `%` is an ordinary character.
 */
const PLACEHOLDER = /\$\(|\$\{|\$[A-Za-z_]/;
const PLACEHOLDER_OR_STRFTIME = /\$\(|\$\{|\$[A-Za-z_]|%[A-Za-z]/;

export interface TemplatingOptions {
  /** Treat `%Y`-style strftime conversions as run-time values (s3_key_format). */
  readonly strftime?: boolean;
}

/** Index of the first run-time placeholder in `value`, or undefined when it is fully literal. */
const runtimePlaceholderIndex = (value: string, options: TemplatingOptions = {}): number | undefined => {
  const match = (options.strftime === true ? PLACEHOLDER_OR_STRFTIME : PLACEHOLDER).exec(value);
  return match === null ? undefined : match.index;
};

/**
 * `{ literal, templated }`: `literal` is the whole value when it has no placeholder, otherwise the
 * text before the first one (`/ecs/$(ecs_task_id)` → `/ecs/`, templated true).
 */
export const literalPrefix = (
  value: string,
  options: TemplatingOptions = {},
): { readonly literal: string; readonly templated: boolean } => {
  const index = runtimePlaceholderIndex(value, options);
  return index === undefined ? { literal: value, templated: false } : { literal: value.slice(0, index), templated: true };
};

/** Makes a literal safe inside an `Fn::Sub` string: `${` would start a CloudFormation variable. */
export const escapeForSub = (literal: string): string => literal.replace(/\$\{/g, '${!');
