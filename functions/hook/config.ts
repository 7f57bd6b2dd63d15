import { DEFAULT_MACRO_NAME } from '../shared/firelens/transform';
import { HookConfigError } from '../shared/hook/errors';
import type { HookConfig } from '../shared/hook/evaluate';
import { S3_HOSTS_TOKEN } from '../shared/hook/payload-url';
import { catalog } from '../shared/rules/catalog';
import { parseRuleSettings } from '../shared/rules/rule-options';
import type { ConfiguredRules } from '../shared/rules/types';

/**
 * Environment variables the hook reads (only here; the core gets a typed {@link HookConfig}).
 * Every value is optional; an unusable value is a configuration error, answered InternalFailure,
 * never silently replaced by a default.
 */
const HOOK_ENV = {
  /** Rule ids to skip, comma or space separated: `FL1007,FL1008`. */
  ignoreChecks: 'FIRELENS_IGNORE_CHECKS',
  /** Only these rule ids run (empty: all). */
  onlyChecks: 'FIRELENS_ONLY_CHECKS',
  /**
   * Rule ids / prefixes (at least 4 characters) for which the template's own `ignore_checks` Metadata is obeyed.
   * Default empty: the hook obeys no suppression written in the template it checks. Never FL0xxx; an error
   * rule only when listed by its exact id.
   */
  allowTemplateSuppressions: 'FIRELENS_ALLOW_TEMPLATE_SUPPRESSIONS',
  /**
   * `true`: what the hook could not check (FL0003 task definitions, FL1303 reachability of 24224) fails it as an
   * error does. Default `true`: the hook fails closed.
   */
  failOnUnchecked: 'FIRELENS_FAIL_ON_UNCHECKED',
  /** `true`: warnings fail the hook as errors do. Default `false`. */
  warningsAsErrors: 'FIRELENS_WARNINGS_AS_ERRORS',
  /** `true`: flag every security group that opens 24224, not only those of FireLens tasks. Default `false`. */
  strict24224: 'FIRELENS_STRICT_24224',
  /** Rule options, `RULE:key=value` comma or space separated (`FL1103:average-log-line-bytes=512`). Default none. */
  configureRules: 'FIRELENS_CONFIGURE_RULES',
  /** The macro name templates use in `Transform:`. Default {@link DEFAULT_MACRO_NAME}. */
  macroName: 'FIRELENS_MACRO_NAME',
  /** Hosts payloads may come from: `s3` (every Amazon S3 endpoint) and/or exact host names. Default `s3`. */
  payloadAllowedHosts: 'HOOK_PAYLOAD_ALLOWED_HOSTS',
  /** `true`: also fetch `http:` payload URLs (local testing only). Default `false`. */
  payloadAllowHttp: 'HOOK_PAYLOAD_ALLOW_HTTP',
  /** Payload GET deadline in milliseconds. Default 5000, at most 20000. */
  payloadTimeoutMs: 'HOOK_PAYLOAD_TIMEOUT_MS',
  /** Largest payload body in bytes. Default 5242880 (5 MiB). */
  payloadMaxBytes: 'HOOK_PAYLOAD_MAX_BYTES',
  /** `false`: do not ask ECS about task definitions outside the template. Default `true`. */
  ecsLookup: 'HOOK_ECS_LOOKUP',
  /** Deadline per DescribeTaskDefinition call in milliseconds. Default 4000, at most 20000. */
  ecsTimeoutMs: 'HOOK_ECS_TIMEOUT_MS',
} as const;

const DEFAULT_PAYLOAD_TIMEOUT_MS = 5_000;
export const DEFAULT_PAYLOAD_MAX_BYTES = 5 * 1024 * 1024;
const DEFAULT_ECS_TIMEOUT_MS = 4_000;
/** The hook waits 30 s for the Lambda: no single call may use most of that. */
const MAX_CALL_TIMEOUT_MS = 20_000;

type Env = Readonly<Record<string, string | undefined>>;

export const readHookConfig = (env: Env): HookConfig => ({
  ignoreRules: list(env[HOOK_ENV.ignoreChecks]),
  onlyRules: list(env[HOOK_ENV.onlyChecks]),
  allowTemplateSuppressions: list(env[HOOK_ENV.allowTemplateSuppressions]).map((id) => id.toUpperCase()),
  failOnUnchecked: flag(env, HOOK_ENV.failOnUnchecked, true),
  warningsAsErrors: flag(env, HOOK_ENV.warningsAsErrors, false),
  strictPort24224: flag(env, HOOK_ENV.strict24224, false),
  configureRules: ruleSettings(env[HOOK_ENV.configureRules]),
  macroName: text(env[HOOK_ENV.macroName]) ?? DEFAULT_MACRO_NAME,
  region: text(env['AWS_REGION']),
  payload: {
    allowedHosts: hosts(env[HOOK_ENV.payloadAllowedHosts]),
    allowHttp: flag(env, HOOK_ENV.payloadAllowHttp, false),
    timeoutMs: integer(env, HOOK_ENV.payloadTimeoutMs, DEFAULT_PAYLOAD_TIMEOUT_MS, 1, MAX_CALL_TIMEOUT_MS),
    maxBytes: integer(env, HOOK_ENV.payloadMaxBytes, DEFAULT_PAYLOAD_MAX_BYTES, 1, 50 * 1024 * 1024),
  },
  ecsLookup: {
    enabled: flag(env, HOOK_ENV.ecsLookup, true),
    timeoutMs: integer(env, HOOK_ENV.ecsTimeoutMs, DEFAULT_ECS_TIMEOUT_MS, 1, MAX_CALL_TIMEOUT_MS),
  },
});

const text = (value: string | undefined): string | undefined => {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
};

const list = (value: string | undefined): string[] =>
  (value ?? '')
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** Each `RULE:key=value`, checked against the catalogue; undefined when none is set. */
const ruleSettings = (value: string | undefined): ConfiguredRules | undefined => {
  const entries = list(value);
  if (entries.length === 0) {
    return undefined;
  }
  const settings = parseRuleSettings(entries, catalog);
  if ('error' in settings) {
    throw new HookConfigError(`${HOOK_ENV.configureRules}: ${settings.error}`);
  }
  return settings.configured;
};

const hosts = (value: string | undefined): string[] => {
  const entries = list(value).map((h) => h.toLowerCase());
  return entries.length > 0 ? entries : [S3_HOSTS_TOKEN];
};

const flag = (env: Env, name: string, fallback: boolean): boolean => {
  const value = text(env[name])?.toLowerCase();
  if (value === undefined) {
    return fallback;
  }
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  throw new HookConfigError(`${name} must be "true" or "false"`);
};

const integer = (env: Env, name: string, fallback: number, min: number, max: number): number => {
  const value = text(env[name]);
  if (value === undefined) {
    return fallback;
  }
  const parsed = /^\d+$/.test(value) ? Number.parseInt(value, 10) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    throw new HookConfigError(`${name} must be an integer from ${String(min)} to ${String(max)}`);
  }
  return parsed;
};
