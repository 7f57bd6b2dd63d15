/**
 * The files a log router reads besides the agent's: the `config-file-value` the agent `@INCLUDE`s, the
 * files the init image includes from its environment, and the `[SERVICE]` settings they are known to set.
 */
import { isObject, type Json, literalString } from '../template/intrinsics';
import { displayValue, literalObject } from './display';
import type { ExplainedInclude, ServiceSetting } from './types';

/** Where the agent puts a config file it downloads from S3 (agent: S3ConfigPathFluentbit). */
const S3_CONFIG_PATH = '/fluent-bit/etc/external.conf';
/** The init image's main file includes the agent's file first (aws-for-fluent-bit init/fluent_bit_init_process.go). */
const AGENT_CONFIG_PATH = '/fluent-bit/etc/fluent-bit.conf';
/** Where the init process downloads `aws_fluent_bit_init_s3_*` objects (same source: s3FileDirectoryPath). */
const INIT_S3_DIRECTORY = '/init/fluent-bit-init-s3-files/';
/** The init process matches these anywhere in a variable's name (regexp.MatchString), in environment order. */
const INIT_S3_VARIABLE = /aws_fluent_bit_init_[sS]3/;
const INIT_FILE_VARIABLE = /aws_fluent_bit_init_[fF]ile/;

/**
 * `[SERVICE]` keys of the configs AWS for Fluent Bit ships in /fluent-bit/configs/ (aws-for-fluent-bit
 * configs/*.conf, added by scripts/dockerfiles/Dockerfile.build). Only these files can be read here.
 */
const IMAGE_CONFIG_SERVICE: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  '/fluent-bit/configs/minimize-log-loss.conf': [
    ['Flush', '1'],
    ['Grace', '30'],
  ],
  '/fluent-bit/configs/parse-json.conf': [
    ['Parsers_File', '/fluent-bit/parsers/parsers.conf'],
    ['Flush', '1'],
    ['Grace', '30'],
  ],
  '/fluent-bit/configs/output-metrics-healthcheck.conf': [
    ['HTTP_Server', 'On'],
    ['HTTP_Listen', '0.0.0.0'],
    ['HTTP_PORT', '2020'],
    ['Health_Check', 'On'],
    ['HC_Errors_Count', '5'],
    ['HC_Retry_Failure_Count', '5'],
    ['HC_Period', '5'],
    ['Grace', '30'],
    ['Flush', '1'],
  ],
};

/** Fluent Bit's own defaults when no file sets them (Fluent Bit manual, "Service" section). */
const SERVICE_DEFAULTS: readonly ServiceSetting[] = [
  { key: 'Flush', value: '1', from: 'Fluent Bit default (FLB_CONFIG_FLUSH_SECS: 1 in current releases, 5 in older ones)' },
  { key: 'Grace', value: '5', from: 'Fluent Bit default' },
];

/** The agent's `@INCLUDE` for `config-file-type` / `config-file-value`; notes for what it cannot read. */
export const configFileInclude = (options: Json | undefined, notes: string[]): ExplainedInclude | undefined => {
  if (options === undefined) {
    return undefined;
  }
  const literal = literalObject(options);
  if (literal === undefined) {
    notes.push(`FirelensConfiguration.Options is ${displayValue(options)}: a config file it may name is not shown.`);
    return undefined;
  }
  const type = literal['config-file-type'];
  const value = literal['config-file-value'];
  if (type === undefined || value === undefined) {
    return undefined;
  }
  if (type === 's3') {
    return { path: S3_CONFIG_PATH, from: 'config-file-value', s3Object: displayValue(value) };
  }
  if (type === 'file') {
    return { path: displayValue(value), from: 'config-file-value' };
  }
  notes.push(`config-file-type is ${displayValue(type)}: the agent includes a file only for "file" and "s3".`);
  return undefined;
};

const s3FileName = (value: Json | undefined): string => {
  const literal = literalString(value);
  return literal === undefined ? `<file name of ${displayValue(value ?? null)}>` : (literal.split('/').at(-1) ?? literal);
};

/** The init image's includes, in the order of the router's `Environment` (entries that are intrinsics are noted). */
export const initIncludes = (environment: Json | undefined, notes: string[]): ExplainedInclude[] => {
  if (environment === undefined) {
    return [];
  }
  if (!Array.isArray(environment)) {
    notes.push(`The router's Environment is ${displayValue(environment)}: init-image config files it may set are not shown.`);
    return [];
  }
  return environment.flatMap((entry): ExplainedInclude[] => {
    const name = isObject(entry) ? literalString(entry['Name']) : undefined;
    const value = isObject(entry) ? entry['Value'] : undefined;
    if (name === undefined) {
      notes.push(`An Environment entry of the router is ${displayValue(entry)}: an init-image config file it may set is not shown.`);
      return [];
    }
    if (INIT_S3_VARIABLE.test(name)) {
      return [{ path: `${INIT_S3_DIRECTORY}${s3FileName(value)}`, from: name, s3Object: displayValue(value ?? null) }];
    }
    return INIT_FILE_VARIABLE.test(name) ? [{ path: displayValue(value ?? null), from: name }] : [];
  });
};

/** `/init/fluent-bit-init.conf`: the agent's file, then each init include (parser files go to `-R` instead). */
export const renderInitConfig = (includes: readonly ExplainedInclude[]): string =>
  [AGENT_CONFIG_PATH, ...includes.map((i) => i.path)].map((path) => `@INCLUDE ${path}\n`).join('');

/** The `[SERVICE]` settings Fluent Bit runs with: its defaults, then each known included file in order. */
export const serviceSettings = (includes: readonly ExplainedInclude[]): ServiceSetting[] => {
  const settings = new Map<string, ServiceSetting>(SERVICE_DEFAULTS.map((s) => [s.key.toLowerCase(), s]));
  for (const include of includes) {
    for (const [key, value] of IMAGE_CONFIG_SERVICE[include.path] ?? []) {
      settings.set(key.toLowerCase(), { key, value, from: include.path });
    }
  }
  return [...settings.values()];
};

/** Included files whose content cannot be read here (anything but the image's own configs). */
export const unreadIncludes = (includes: readonly ExplainedInclude[]): ExplainedInclude[] =>
  includes.filter((include) => IMAGE_CONFIG_SERVICE[include.path] === undefined);
