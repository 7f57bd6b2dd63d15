import type { JsonObject } from '../../template/intrinsics';
import type { TemplatePath } from '../../template/locator';
import { HEALTHCHECK_CONFIG, ROUTER_PRESETS, SHUTDOWN_MARGIN_SECONDS } from '../presets';
import type { ConfigFileSpec, RouterSpec } from '../types';

/**
 * How a new router gets its extra config files:
 * - `options`: one file, through FirelensConfiguration's config-file-type/config-file-value (as ECS documents);
 * - `init`: AWS for Fluent Bit's init image, one `aws_fluent_bit_init_file_<n>` / `aws_fluent_bit_init_s3_<n>`
 *   environment variable per file. Its init process @INCLUDEs each file into the main config after the one
 *   FireLens generates (a file with [PARSER] sections goes to `-R` instead), downloading S3 objects with the
 *   container's credentials, i.e. the task role (aws-for-fluent-bit init/fluent_bit_init_process.go).
 */
export type ConfigDelivery =
  | { readonly kind: 'none' }
  | { readonly kind: 'options'; readonly file: ConfigFileSpec }
  | {
      readonly kind: 'init';
      readonly files: readonly ConfigFileSpec[];
      /** The `FireLens.Router` key that made the init image necessary, and why, for messages. */
      readonly cause: { readonly key: string; readonly why: string };
    };

/** Every extra config file in the order the env variables get their numbers: presets, health check, the user's. */
const routerConfigFiles = (router: RouterSpec): ConfigFileSpec[] => [
  ...router.presets.map((name, i): ConfigFileSpec => ({ type: 'file', value: ROUTER_PRESETS[name].path, source: ['Presets', i] })),
  ...(router.healthCheck === undefined ? [] : [{ type: 'file' as const, value: HEALTHCHECK_CONFIG.path, source: ['HealthCheck'] }]),
  ...router.configFiles,
];

/**
 * One file goes through FirelensConfiguration as before, except an S3 object on Fargate (which cannot
 * load config-file-type s3). `ConfigFiles` and every combination of several files use the init image.
 */
export const configDelivery = (router: RouterSpec, isFargate: boolean): ConfigDelivery => {
  const files = routerConfigFiles(router);
  const [only] = files;
  if (only === undefined) {
    return { kind: 'none' };
  }
  if (router.configFilesListed) {
    return { kind: 'init', files, cause: { key: 'ConfigFiles', why: 'ConfigFiles are loaded by the init image' } };
  }
  if (files.length > 1) {
    const from = [...new Set(files.map((f) => String(f.source[0])))].join(', ');
    return { kind: 'init', files, cause: { key: String(only.source[0]), why: `the router has several config files (${from})` } };
  }
  if (isFargate && only.type === 's3') {
    return { kind: 'init', files, cause: { key: 'ConfigFile', why: 'Fargate cannot load config files from S3 (config-file-type s3)' } };
  }
  return { kind: 'options', file: only };
};

/**
 * The init image's variables: the number after the prefix only has to be unique per prefix; the init
 * process walks the container's environment, not the numbers (init/fluent_bit_init_process.go).
 */
export const initVariables = (files: readonly ConfigFileSpec[]): JsonObject[] => {
  const counts = { file: 0, s3: 0 };
  return files.map((file) => {
    counts[file.type] += 1;
    return { Name: `aws_fluent_bit_init_${file.type}_${String(counts[file.type])}`, Value: file.value };
  });
};

/** The longest Grace the presets and health-check config set, plus the shutdown margin; undefined without any. */
export const flushSecondsNeeded = (router: RouterSpec): { seconds: number; source: TemplatePath } | undefined => {
  const graces = [
    ...router.presets.map((name, i) => ({ grace: ROUTER_PRESETS[name].graceSeconds, source: ['Presets', i] })),
    ...(router.healthCheck === undefined ? [] : [{ grace: HEALTHCHECK_CONFIG.graceSeconds, source: ['HealthCheck'] }]),
  ];
  const longest = graces.reduce<(typeof graces)[number] | undefined>(
    (best, g) => (best === undefined || g.grace > best.grace ? g : best),
    undefined,
  );
  return longest === undefined ? undefined : { seconds: longest.grace + SHUTDOWN_MARGIN_SECONDS, source: longest.source };
};
