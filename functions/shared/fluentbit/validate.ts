import type { Json, JsonObject } from '../template/intrinsics';
import { isIntrinsic, literalString } from '../template/intrinsics';
import type { OutputPlugin } from './catalogue';
import { CORE_OUTPUT_OPTIONS, CREDENTIAL_OPTION_NAMES, OUTPUT_PLUGINS, secretOptionsOf } from './catalogue';
import { describeKind, findOption, isEcsSpecialKey, valueFitsKind } from './options';

interface IssueBase {
  /** The option key as written, or undefined when the problem is a missing option. */
  readonly key: string | undefined;
  readonly message: string;
}

/**
 * One problem in an output's options. `kind` says which check found it, so each lint rule reports the
 * kinds it owns from this one function while the macro reports them all by `key` and `message`:
 * - `match`: `Match` set by hand (the ECS agent generates it);
 * - `no-name`: plugin options without `Name`;
 * - `missing`: none of a must-have group is set (`plugin` and `options` name them);
 * - `exclusive`: two options of which only one may be set;
 * - `wrong-kind`: a value Fluent Bit cannot parse for the option;
 * - `sibling`: an option of the other implementation of the destination;
 * - `templating`: `$(…)` Go-plugin templating in a plugin that writes it literally (`variable` is the
 *   first `$(…)` of the value).
 */
export type OptionIssue =
  | (IssueBase & { readonly kind: 'match' | 'no-name' | 'exclusive' | 'wrong-kind' | 'sibling' })
  | (IssueBase & { readonly kind: 'missing'; readonly plugin: string; readonly options: readonly string[] })
  | (IssueBase & { readonly kind: 'templating'; readonly key: string; readonly plugin: string; readonly variable: string });

export interface ValidateContext {
  /**
   * Option names set through `secretOptions` (case-insensitive): they count as set for the must-have
   * options. The macro passes them merged into the options instead; the result is the same.
   */
  readonly secretOptionNames?: ReadonlySet<string>;
}

const code = (text: string): string => `\`${text}\``;

/** An option counts as set when present and not an empty string. */
const isSet = (options: JsonObject, key: string): boolean => {
  const entry = findOption(options, key);
  return entry !== undefined && !(typeof entry.value === 'string' && entry.value.trim() === '');
};

const orList = (keys: readonly string[]): string => keys.map(code).join(' or ');

const missingRequired = (plugin: OutputPlugin, options: JsonObject, context: ValidateContext): OptionIssue[] => {
  const secrets = new Set([...(context.secretOptionNames ?? [])].map((name) => name.trim().toLowerCase()));
  return plugin.required
    .filter((group) => !group.some((key) => isSet(options, key) || secrets.has(key)))
    .map((group) => ({
      kind: 'missing',
      key: undefined,
      message: `${code(plugin.name)} needs ${orList(group)}`,
      plugin: plugin.name,
      options: group,
    }));
};

const exclusiveConflicts = (plugin: OutputPlugin, options: JsonObject): OptionIssue[] =>
  plugin.exclusive.flatMap((group) => {
    const present = group.filter((key) => isSet(options, key));
    if (present.length < 2) {
      return [];
    }
    const second = findOption(options, present[1] ?? '')?.key;
    return [{ kind: 'exclusive', key: second, message: `${code(plugin.name)} takes only one of ${present.map(code).join(' and ')}` }];
  });

const shown = (value: Json): string => (typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value));

const wrongKinds = (plugin: OutputPlugin, options: JsonObject): OptionIssue[] =>
  Object.entries(options).flatMap(([key, value]) => {
    const kind = plugin.options[key.trim().toLowerCase()] ?? CORE_OUTPUT_OPTIONS[key.trim().toLowerCase()];
    if (kind === undefined || isEcsSpecialKey(key) || valueFitsKind(kind, value)) {
      return [];
    }
    return [
      { kind: 'wrong-kind', key, message: `${code(key)} of ${code(plugin.name)} must be ${describeKind(kind)}, not ${shown(value)}` },
    ];
  });

/**
 * Options that belong to the other implementation of the same destination: the most common
 * migration mistake (aws-for-fluent-bit debugging.md, Go → C list). C plugins refuse to start on an
 * unknown property; Go plugins ignore it silently.
 */
const siblingOptions = (plugin: OutputPlugin, options: JsonObject): OptionIssue[] => {
  const sibling = OUTPUT_PLUGINS.find((p) => p.name === plugin.sibling);
  if (sibling === undefined) {
    return [];
  }
  const consequence = plugin.implementation === 'c' ? 'Fluent Bit refuses to start with an unknown option' : 'the Go plugin ignores it';
  return Object.keys(options)
    .filter((key) => {
      const k = key.trim().toLowerCase();
      return plugin.options[k] === undefined && CORE_OUTPUT_OPTIONS[k] === undefined && sibling.options[k] !== undefined;
    })
    .map((key): OptionIssue => ({
      kind: 'sibling',
      key,
      message: `${code(key)} is an option of ${code(sibling.name)}, not of ${code(plugin.name)}; ${consequence}`,
    }));
};

/**
 * The first `$(…)` of a value, for messages; `$(…)` when it is unclosed or long. Found with indexOf, not
 * a regular expression, so that a 300 KB value costs linear time.
 */
const firstGoTemplate = (value: string): string => {
  const start = value.indexOf('$(');
  const end = value.indexOf(')', start);
  return start < 0 || end < 0 || end - start > 64 ? '$(…)' : value.slice(start, end + 1);
};

/** `$(ecs_task_id)` and friends are Go-plugin syntax; the C plugins write them literally. */
const unsupportedTemplating = (plugin: OutputPlugin, options: JsonObject): OptionIssue[] => {
  const sibling = OUTPUT_PLUGINS.find((p) => p.name === plugin.sibling);
  if (plugin.ecsTemplating || sibling?.ecsTemplating !== true) {
    return [];
  }
  return Object.entries(options).flatMap(([key, value]): OptionIssue[] => {
    if (isEcsSpecialKey(key) || typeof value !== 'string' || !value.includes('$(')) {
      return [];
    }
    return [
      {
        kind: 'templating',
        key,
        plugin: plugin.name,
        variable: firstGoTemplate(value),
        message: `${code(plugin.name)} does not expand ${code('$(…)')} variables in ${code(key)}; use ${code(sibling.name)}, ${code('log_group_template')}/${code('log_stream_template')}, or the init image's ${code('${ECS_TASK_ID}')}`,
      },
    ];
  });
};

/**
 * Problems Fluent Bit or ECS would reject, or that silently break delivery, in one container's
 * `awsfirelens` options. Values that are intrinsics are unknown and never flagged.
 */
export const validateOutputOptions = (options: JsonObject, context: ValidateContext = {}): OptionIssue[] => {
  const issues: OptionIssue[] = [];
  const match = findOption(options, 'Match');
  if (match !== undefined) {
    issues.push({
      kind: 'match',
      key: match.key,
      message: `${code('Match')} is generated by the ECS agent (${code('<container>-firelens*')}); remove it`,
    });
  }
  const name = findOption(options, 'Name');
  if (name === undefined) {
    const pluginKeys = Object.keys(options).filter((key) => !isEcsSpecialKey(key));
    if (pluginKeys.length > 0) {
      issues.push({
        kind: 'no-name',
        key: undefined,
        message: `Options have no ${code('Name')}: ECS needs the output plugin name and fails the task ("missing output key")`,
      });
    }
    return issues;
  }
  if (isIntrinsic(name.value)) {
    return issues;
  }
  const plugin = outputPluginByName(literalString(name.value) ?? '');
  if (plugin === undefined) {
    return issues;
  }
  return [
    ...issues,
    ...missingRequired(plugin, options, context),
    ...exclusiveConflicts(plugin, options),
    ...wrongKinds(plugin, options),
    ...siblingOptions(plugin, options),
    ...unsupportedTemplating(plugin, options),
  ];
};

/** Fluent Bit looks plugin names up case-insensitively. */
export const outputPluginByName = (name: string): OutputPlugin | undefined => {
  const wanted = name.trim().toLowerCase();
  return OUTPUT_PLUGINS.find((plugin) => plugin.name === wanted);
};

/**
 * A value that starts with a URL with `user:password@`. Anchored: unanchored, the scheme part made the
 * match quadratic in the length of the value (300 KB option values took minutes).
 */
const CREDENTIALS_IN_URL = /^\s*[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

/** A value that is only a `${VAR}` reference: what a secretOptions entry becomes, never a literal credential. */
const ENV_REFERENCE = /^\$\{[^}]+\}$/;

export interface PlaintextSecret {
  /** The option key as written. */
  readonly key: string;
  /** `secret-option`: a credential option of the plugin; `url-credentials`: a URL with `user:password@`. */
  readonly kind: 'secret-option' | 'url-credentials';
}

/**
 * Options whose value is a credential written in plain text: a credential option given as a literal
 * string or number (CloudFormation passes a number on as its digits) — the plugin's secret options when
 * the catalogue knows it, `CREDENTIAL_OPTION_NAMES` when it does not — or any string that starts with a
 * URL with credentials. A `${VAR}`-only value is fine. Lint suggests moving them to secretOptions.
 */
export const plaintextSecretOptions = (options: JsonObject): PlaintextSecret[] => {
  const name = literalString(findOption(options, 'Name')?.value);
  const plugin = name === undefined ? undefined : outputPluginByName(name);
  const secretKeys = new Set(plugin === undefined ? CREDENTIAL_OPTION_NAMES : secretOptionsOf(plugin));
  return Object.entries(options).flatMap(([key, value]): PlaintextSecret[] => {
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
    if (text === undefined || text === '' || ENV_REFERENCE.test(text)) {
      return [];
    }
    if (secretKeys.has(key.trim().toLowerCase())) {
      return [{ key, kind: 'secret-option' }];
    }
    return typeof value === 'string' && CREDENTIALS_IN_URL.test(value) ? [{ key, kind: 'url-credentials' }] : [];
  });
};
