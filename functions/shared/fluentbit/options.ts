import type { Json, JsonObject } from '../template/intrinsics';
import { isIntrinsic } from '../template/intrinsics';

/**
 * Reading FireLens output options. Fluent Bit matches property names case-insensitively
 * (`flb_output_set_property` compares with strcasecmp), so `Region` and `region` are one option.
 */
export interface OptionEntry {
  /** The key as written in the template. */
  readonly key: string;
  readonly value: Json;
}

/** The option named `name` (case-insensitive), first match in key order. */
export const findOption = (options: JsonObject, name: string): OptionEntry | undefined => {
  const wanted = name.toLowerCase();
  const key = Object.keys(options).find((k) => k.trim().toLowerCase() === wanted);
  return key === undefined ? undefined : { key, value: options[key] ?? null };
};

export const optionValue = (options: JsonObject, name: string): Json | undefined => findOption(options, name)?.value;

/** Keys the ECS agent consumes itself; they never reach the Fluent Bit `[OUTPUT]` as plugin options. */
const ECS_SPECIAL_KEYS: readonly string[] = ['Name', 'log-driver-buffer-limit', 'include-pattern', 'exclude-pattern'];

export const isEcsSpecialKey = (key: string): boolean =>
  ECS_SPECIAL_KEYS.some((special) => special.toLowerCase() === key.trim().toLowerCase());

/**
 * The kinds of value Fluent Bit parses:
 * - boolean: `flb_utils_bool` accepts true/false, on/off, yes/no in any case;
 * - integer: `atoi`-style, digits only here (a unit suffix would be silently dropped);
 * - size: `flb_utils_size_to_bytes`, digits with an optional K/KB/M/MB/G/GB suffix;
 * - time: digits with an optional s/m/h/d suffix (s3 `upload_timeout`, `flb_utils_time_to_seconds`);
 * - goBoolean: the Go plugins compare the lower-cased value with "true" and "false" only and silently
 *   use the default for anything else, `on` included (amazon-cloudwatch-logs-for-fluent-bit
 *   fluent-bit-cloudwatch.go, getBoolParam);
 * - retryLimit: the core `Retry_Limit`: a number, `false`/`no_limits`/`off`, or `no_retries`.
 */
export type OptionKind =
  'string' | 'boolean' | 'goBoolean' | 'integer' | 'size' | 'time' | 'retryLimit' | { readonly oneOf: readonly string[] };

const BOOLEAN_WORDS = new Set(['true', 'false', 'on', 'off', 'yes', 'no']);

const asText = (value: Json): string | undefined => {
  if (typeof value === 'string') {
    return value.trim();
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return undefined;
};

const matchesKind = (kind: OptionKind, text: string): boolean => {
  if (typeof kind === 'object') {
    return kind.oneOf.some((choice) => choice.toLowerCase() === text.toLowerCase());
  }
  switch (kind) {
    case 'string':
      return true;
    case 'boolean':
      return BOOLEAN_WORDS.has(text.toLowerCase());
    case 'goBoolean':
      return text.toLowerCase() === 'true' || text.toLowerCase() === 'false';
    case 'integer':
      return /^-?\d+$/.test(text);
    case 'size':
      return /^\d+(\.\d+)?\s*([kmg]b?)?$/i.test(text);
    case 'time':
      return /^\d+\s*[smhd]?$/i.test(text);
    case 'retryLimit':
      return /^\d+$/.test(text) || ['false', 'no_limits', 'off', 'no_retries'].includes(text.toLowerCase());
  }
};

/** Words for messages: "must be a boolean (true/false, on/off, yes/no)". */
export const describeKind = (kind: OptionKind): string => {
  if (typeof kind === 'object') {
    return `one of ${kind.oneOf.map((c) => `\`${c}\``).join(', ')}`;
  }
  switch (kind) {
    case 'string':
      return 'a string';
    case 'boolean':
      return 'a boolean (true/false, on/off, yes/no)';
    case 'goBoolean':
      return '`true` or `false` (the Go plugin reads anything else as the default)';
    case 'integer':
      return 'an integer';
    case 'size':
      return 'a size such as `5M` or `1G`';
    case 'time':
      return 'a duration such as `10m` or `60s`';
    case 'retryLimit':
      return 'a number, `no_limits` or `no_retries`';
  }
};

/**
 * True when `value` is acceptable for `kind`. Intrinsics are unknown until deploy and always pass;
 * so do numbers and booleans where they fit, since CloudFormation turns them into strings.
 */
export const valueFitsKind = (kind: OptionKind, value: Json): boolean => {
  if (isIntrinsic(value)) {
    return true;
  }
  const text = asText(value);
  return text !== undefined && matchesKind(kind, text);
};

/** A literal boolean option: true/false, or undefined when absent, an intrinsic or not a boolean word. */
export const literalFlag = (value: Json | undefined): boolean | undefined => {
  const text = value === undefined ? undefined : asText(value)?.toLowerCase();
  if (text === undefined || !BOOLEAN_WORDS.has(text)) {
    return undefined;
  }
  return text === 'true' || text === 'on' || text === 'yes';
};
