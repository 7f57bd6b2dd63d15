/**
 * Per-rule settings, as cfn-lint's `configure_rules` (https://github.com/aws-cloudformation/cfn-lint#configure-rules):
 * a rule declares its options with defaults in its meta; users set them with `--configure-rule ID:key=value`,
 * in the template's `Metadata: {firelens-lint: {config: {configure_rules: {ID: {key: value}}}}}`, or through
 * the hook's stack parameter. Unknown rules, unknown options and values out of range are refused, never ignored.
 */
import { isObject, type JsonObject, literalInteger } from '../template/intrinsics';
import type { TemplatePath } from '../template/locator';
import type { ConfiguredRules, RawFinding, RuleMeta, RuleOptions } from './types';

type Catalogue = readonly { readonly meta: RuleMeta }[];

export interface RuleSetting {
  readonly ruleId: string;
  readonly key: string;
  readonly value: number;
}

/** Where the template's settings live (cfn-lint: `Metadata: {cfn-lint: {config: {configure_rules: …}}}`). */
const TEMPLATE_CONFIG_PATH: TemplatePath = ['Metadata', 'firelens-lint', 'config', 'configure_rules'];

/** The value of one of a rule's options: what the user configured, else the default in the rule's meta. */
export const ruleOption = (meta: RuleMeta, options: RuleOptions, key: string): number => {
  const spec = meta.options?.[key];
  if (spec === undefined) {
    // A programming error in the rule itself; the engine turns it into an FL0001 finding.
    throw new Error(`rule ${meta.id} reads option "${key}", which its meta does not declare`);
  }
  return options.configureRules[meta.id]?.[key] ?? spec.default;
};

const optionsText = (meta: RuleMeta): string => {
  const keys = Object.keys(meta.options ?? {});
  return keys.length === 0 ? `${meta.id} has no options` : `options of ${meta.id}: ${keys.join(', ')}`;
};

/** One setting checked against the catalogue: the rule and option exist, and the value is an integer in range. */
const checkRuleSetting = (ruleId: string, key: string, raw: unknown, rules: Catalogue): RuleSetting | { error: string } => {
  const id = ruleId.trim().toUpperCase();
  const meta = rules.find((rule) => rule.meta.id === id)?.meta;
  if (meta === undefined) {
    return { error: `unknown rule "${ruleId}"` };
  }
  const spec = meta.options?.[key.trim()];
  if (spec === undefined) {
    return { error: `unknown option "${key}" of ${id} (${optionsText(meta)})` };
  }
  const value = literalInteger(raw);
  if (value === undefined || value < spec.minimum || value > spec.maximum) {
    return {
      error: `${id}:${key.trim()} must be an integer from ${String(spec.minimum)} to ${String(spec.maximum)} (got ${JSON.stringify(raw)})`,
    };
  }
  return { ruleId: id, key: key.trim(), value };
};

/** `FL1103:average-log-line-bytes=512` → one setting, or what is wrong with it. */
export const parseRuleSetting = (text: string, rules: Catalogue): RuleSetting | { error: string } => {
  const match = /^([^:=]+):([^=]+)=(.*)$/.exec(text.trim());
  if (!match) {
    return { error: `"${text}" is not RULE:key=value (e.g. FL1103:average-log-line-bytes=512)` };
  }
  return checkRuleSetting(match[1] ?? '', match[2] ?? '', (match[3] ?? '').trim(), rules);
};

/** Settings in order; a later one for the same rule and option wins. */
const toConfiguredRules = (settings: readonly RuleSetting[]): ConfiguredRules => {
  const configured: Record<string, Record<string, number>> = {};
  for (const { ruleId, key, value } of settings) {
    configured[ruleId] = { ...configured[ruleId], [key]: value };
  }
  return configured;
};

/** Every `RULE:key=value` of the command line or the hook's environment, in order; the first bad one is the error. */
export const parseRuleSettings = (texts: readonly string[], rules: Catalogue): { configured: ConfiguredRules } | { error: string } => {
  const settings: RuleSetting[] = [];
  for (const text of texts) {
    const setting = parseRuleSetting(text, rules);
    if ('error' in setting) {
      return setting;
    }
    settings.push(setting);
  }
  return { configured: toConfiguredRules(settings) };
};

/** `over` wins per rule and option (the command line over the template, as cfn-lint). */
export const mergeConfiguredRules = (base: ConfiguredRules, over: ConfiguredRules): ConfiguredRules => {
  const merged: Record<string, Record<string, number>> = {};
  for (const id of new Set([...Object.keys(base), ...Object.keys(over)])) {
    merged[id] = { ...base[id], ...over[id] };
  }
  return merged;
};

/** The template's `configure_rules`, and a problem (at its path) for each entry that cannot be used. */
export const readTemplateRuleSettings = (
  template: JsonObject,
  rules: Catalogue,
): { configured: ConfiguredRules; problems: RawFinding[] } => {
  const [, tool, config, key] = TEMPLATE_CONFIG_PATH as [string, string, string, string];
  const metadata = isObject(template['Metadata']) ? template['Metadata'] : undefined;
  const lintConfig = metadata !== undefined && isObject(metadata[tool]) ? metadata[tool] : undefined;
  const section = lintConfig !== undefined && isObject(lintConfig[config]) ? lintConfig[config][key] : undefined;
  if (section === undefined) {
    return { configured: {}, problems: [] };
  }
  if (!isObject(section)) {
    return { configured: {}, problems: [{ path: TEMPLATE_CONFIG_PATH, message: 'configure_rules must map rule ids to their options' }] };
  }
  const settings: RuleSetting[] = [];
  const problems: RawFinding[] = [];
  for (const [ruleId, ruleOptions] of Object.entries(section)) {
    if (!isObject(ruleOptions)) {
      problems.push({ path: [...TEMPLATE_CONFIG_PATH, ruleId], message: `configure_rules.${ruleId} must map option names to values` });
      continue;
    }
    for (const [option, raw] of Object.entries(ruleOptions)) {
      const setting = checkRuleSetting(ruleId, option, raw, rules);
      if ('error' in setting) {
        problems.push({ path: [...TEMPLATE_CONFIG_PATH, ruleId, option], message: `configure_rules: ${setting.error}` });
      } else {
        settings.push(setting);
      }
    }
  }
  return { configured: toConfiguredRules(settings), problems };
};
