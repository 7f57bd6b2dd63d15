import type { Problem } from '../errors';
import { isIntrinsic, isObject, type Json, type JsonObject, literalInteger } from '../template/intrinsics';
import type { TemplatePath } from '../template/locator';
import { DEFAULT_AVERAGE_LOG_LINE_BYTES, MAX_BUFFER_LIMIT_LINES, MIB } from '../template/task-memory';
import {
  AWS_FOR_FLUENT_BIT_VERSION,
  DEFAULT_LOG_RETENTION_DAYS,
  DEFAULT_ROUTER_MEMORY_RESERVATION,
  DEFAULT_ROUTER_NAME,
  FLUENT_BIT_SSM_PREFIX,
} from './constants';
import { type PresetName, ROUTER_PRESETS } from './presets';
import { CONTAINER_PROPERTY, DESTINATION_KEYS, FIRELENS_PROPERTY } from './property-schema';
import type { ConfigFileSpec, ConfigFileType, DestinationSpec, FireLensSpec, RawFireLensInput, RouterSpec, RouteSpec } from './types';
import { validateField } from './validate';

/** `arn:aws:s3:::bucket/key` (any partition), as CDK infers the S3 config type. */
const S3_OBJECT_ARN = /^arn:aws[a-zA-Z-]*:s3:::[^/]+\/.+$/;
/** The same as the text of an `Fn::Sub`, whose partition may be `${AWS::Partition}`. */
const S3_OBJECT_ARN_TEMPLATE = /^arn:(aws[a-zA-Z-]*|\$\{AWS::Partition\}):s3:::[^/]+\/.+$/;

/** The dynamic reference that resolves to the regional ECR URI of an AWS for Fluent Bit tag. */
export const defaultRouterImage = (tag: string): string => `{{resolve:ssm:${FLUENT_BIT_SSM_PREFIX}${tag}}}`;

/**
 * Stage 2: checks the raw property against its definition and applies every default. Returns every
 * problem at once; `spec` is undefined when there is any.
 */
export const normalizeFireLens = (input: RawFireLensInput): { spec: FireLensSpec | undefined; problems: Problem[] } => {
  const { logicalId, path, raw } = input;
  const problems = validateField(raw, FIRELENS_PROPERTY, path, logicalId);
  const containerRoutes = new Map<number, RouteSpec | false>();
  for (const [index, override] of input.containerOverrides) {
    const overridePath = ['Resources', logicalId, 'Properties', 'ContainerDefinitions', index, 'FireLens'];
    problems.push(...validateField(override, CONTAINER_PROPERTY, overridePath, logicalId));
  }
  if (problems.length > 0 || !isObject(raw)) {
    return { spec: undefined, problems };
  }
  const router = normalizeRouter(isObject(raw['Router']) ? raw['Router'] : {}, [...path, 'Router'], logicalId, problems);
  const route = normalizeRoute(raw, undefined, path, logicalId, problems);
  for (const [index, override] of input.containerOverrides) {
    const overridePath = ['Resources', logicalId, 'Properties', 'ContainerDefinitions', index, 'FireLens'];
    containerRoutes.set(index, isObject(override) ? normalizeRoute(override, route, overridePath, logicalId, problems) : false);
  }
  if (problems.length > 0 || router === undefined) {
    return { spec: undefined, problems };
  }
  const containers = raw['Containers'];
  return {
    spec: {
      logicalId,
      path,
      router,
      routerWritten: raw['Router'] !== undefined,
      route,
      containerRoutes,
      containers: Array.isArray(containers) ? containers.filter((c): c is string => typeof c === 'string') : undefined,
      externalRolesGranted: raw['ExternalRolesGranted'] === true,
      allowWildcardResources: raw['AllowWildcardResources'] === true,
      secretsKmsKey: raw['SecretsKmsKey'],
    },
    problems,
  };
};

const normalizeRoute = (
  raw: JsonObject,
  defaults: RouteSpec | undefined,
  path: TemplatePath,
  logicalId: string,
  problems: Problem[],
): RouteSpec => {
  const destination = isObject(raw['Destination']) ? toDestination(raw['Destination']) : defaults?.destination;
  const averageLogLineBytes = literalInteger(raw['AverageLogLineBytes']) ?? defaults?.averageLogLineBytes ?? DEFAULT_AVERAGE_LOG_LINE_BYTES;
  // A buffer written here replaces the inherited one, whichever way either is written.
  const written = raw['BufferLimit'] !== undefined || raw['BufferMemory'] !== undefined;
  const bufferMemoryMiB = written ? literalInteger(raw['BufferMemory']) : defaults?.bufferMemoryMiB;
  const lines = bufferMemoryMiB === undefined ? undefined : bufferLinesFor(bufferMemoryMiB, averageLogLineBytes);
  if (lines !== undefined && lines > MAX_BUFFER_LIMIT_LINES) {
    problems.push({
      logicalId,
      path: [...path, written ? 'BufferMemory' : 'AverageLogLineBytes'],
      message: `${String(bufferMemoryMiB)} MiB of ${String(averageLogLineBytes)}-byte log lines is ${String(lines)} lines; ECS allows at most ${String(MAX_BUFFER_LIMIT_LINES)} (log-driver-buffer-limit): lower BufferMemory or raise AverageLogLineBytes`,
    });
  }
  return {
    // The validator guarantees a Destination at task level; a container override may inherit it.
    destination: destination ?? { kind: 'Custom', settings: {} },
    bufferLimit: lines ?? (written ? integerValue(raw['BufferLimit']) : defaults?.bufferLimit),
    bufferMemoryMiB,
    averageLogLineBytes,
    includePattern: raw['IncludePattern'] ?? defaults?.includePattern,
    excludePattern: raw['ExcludePattern'] ?? defaults?.excludePattern,
  };
};

/** The log lines that fill `mib` MiB at `lineBytes` bytes a line (rounded down: the buffer stays within the memory). */
const bufferLinesFor = (mib: number, lineBytes: number): number => Math.floor((mib * MIB) / lineBytes);

const toDestination = (raw: JsonObject): DestinationSpec | undefined => {
  const kind = DESTINATION_KEYS.find((key) => key in raw);
  const settings = kind === undefined ? undefined : raw[kind];
  return kind !== undefined && isObject(settings) ? { kind, settings } : undefined;
};

const normalizeRouter = (raw: JsonObject, path: TemplatePath, logicalId: string, problems: Problem[]): RouterSpec | undefined => {
  const problem = (key: string | TemplatePath, message: string): void => {
    problems.push({ logicalId, path: [...path, ...(typeof key === 'string' ? [key] : key)], message });
  };
  const type = raw['Type'] === 'fluentd' ? 'fluentd' : 'fluentbit';
  if (type === 'fluentd' && raw['Image'] === undefined) {
    problem('Image', 'is required when Type is fluentd (the default image is AWS for Fluent Bit)');
  }
  if (raw['Image'] !== undefined && raw['ImageTag'] !== undefined) {
    problem('ImageTag', 'applies only to the default AWS for Fluent Bit image; remove it or remove Image');
  }
  for (const key of ['HealthCheck', 'Presets', 'ConfigFiles'] as const) {
    if (type === 'fluentd' && raw[key] !== undefined && raw[key] !== false) {
      problem(key, 'is available for fluentbit routers only (it uses config files of AWS for Fluent Bit)');
    }
  }
  const imageTag =
    raw['Image'] === undefined ? (typeof raw['ImageTag'] === 'string' ? raw['ImageTag'] : AWS_FOR_FLUENT_BIT_VERSION) : undefined;
  return {
    type,
    name: typeof raw['Name'] === 'string' ? raw['Name'] : DEFAULT_ROUTER_NAME,
    image: raw['Image'] ?? defaultRouterImage(imageTag ?? AWS_FOR_FLUENT_BIT_VERSION),
    imageTag,
    memoryReservation:
      integerValue(raw['MemoryReservation']) ?? (raw['Memory'] === undefined ? DEFAULT_ROUTER_MEMORY_RESERVATION : undefined),
    memory: integerValue(raw['Memory']),
    cpu: integerValue(raw['Cpu']),
    enableEcsLogMetadata: raw['EnableEcsLogMetadata'] !== false,
    configFiles: normalizeConfigFiles(raw, problem),
    configFilesListed: raw['ConfigFiles'] !== undefined,
    presets: normalizePresets(raw, problem),
    logGroup: normalizeLogGroup(raw),
    environment: raw['Environment'],
    secrets: raw['Secrets'],
    healthCheck: normalizeHealthCheck(raw['HealthCheck'], problem),
    stopTimeout: literalInteger(raw['StopTimeout']),
    essential: raw['Essential'] !== false,
    user: raw['User'],
    dependsOn: raw['DependsOn'],
    mountPoints: raw['MountPoints'],
    portMappings: Array.isArray(raw['PortMappings']) ? raw['PortMappings'].map(numericPorts) : raw['PortMappings'],
    readonlyRootFilesystem: typeof raw['ReadonlyRootFilesystem'] === 'boolean' ? raw['ReadonlyRootFilesystem'] : undefined,
  };
};

/** A port written as a numeric string (`'2020'`) becomes a number: ECS's PortMapping wants integers. */
const numericPorts = (mapping: Json): Json =>
  isObject(mapping)
    ? Object.fromEntries(
        Object.entries(mapping).map(([key, value]) => [
          key,
          key === 'ContainerPort' || key === 'HostPort' ? (literalInteger(value) ?? value) : value,
        ]),
      )
    : mapping;

type RouterProblem = (key: string | TemplatePath, message: string) => void;

/** The router's health check of today (amazon-ecs-firelens-examples, examples/fluent-bit/health-check). */
const DEFAULT_HEALTH_CHECK: JsonObject = {
  // output-metrics-healthcheck.conf turns on Fluent Bit's HTTP server on 2020; the image ships curl.
  Command: ['CMD-SHELL', 'curl -f http://127.0.0.1:2020/api/v1/uptime || exit 1'],
  Interval: 10,
  Timeout: 5,
  Retries: 3,
  StartPeriod: 10,
};

/** `true` → the default check; an object → the default with the user's keys over it (numbers as numbers). */
const normalizeHealthCheck = (raw: Json | undefined, problem: RouterProblem): JsonObject | undefined => {
  if (raw === true) {
    return DEFAULT_HEALTH_CHECK;
  }
  if (!isObject(raw)) {
    return undefined;
  }
  const command = raw['Command'];
  const first: unknown = Array.isArray(command) ? command[0] : undefined;
  if (Array.isArray(command) && first !== 'CMD' && first !== 'CMD-SHELL') {
    problem(['HealthCheck', 'Command'], 'must start with CMD (run the words directly) or CMD-SHELL (run them in the shell)');
  }
  const written = Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [key, key === 'Command' ? value : (literalInteger(value) ?? value)]),
  );
  return { ...DEFAULT_HEALTH_CHECK, ...written };
};

const normalizePresets = (raw: JsonObject, problem: RouterProblem): PresetName[] => {
  const presets = raw['Presets'];
  if (!Array.isArray(presets)) {
    return [];
  }
  const names = presets.filter((p): p is PresetName => typeof p === 'string' && p in ROUTER_PRESETS);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) {
      problem(['Presets', i], `lists ${name} a second time`);
    }
  });
  return names;
};
/**
 * The property's integers may be written as numeric strings (`'64'`, as YAML users quote them); the
 * container definition and the log group want numbers, so a literal becomes one. Intrinsics stay as written.
 */
const integerValue = (value: Json | undefined): Json | undefined => literalInteger(value) ?? value;

const normalizeLogGroup = (raw: JsonObject): RouterSpec['logGroup'] => {
  const logGroup = raw['LogGroup'];
  if (logGroup === false) {
    return { kind: 'none' };
  }
  if (logGroup === undefined) {
    const retention = raw['LogRetentionInDays'];
    return { kind: 'create', retentionInDays: literalInteger(retention) ?? DEFAULT_LOG_RETENTION_DAYS };
  }
  return { kind: 'existing', name: logGroup };
};

/** `ConfigFile` (one) or `ConfigFiles` (a list), never both; each file's type inferred or declared. */
const normalizeConfigFiles = (raw: JsonObject, problem: RouterProblem): ConfigFileSpec[] => {
  const list = raw['ConfigFiles'];
  const declaredForList = raw['ConfigFilesType'];
  if (list === undefined) {
    if (declaredForList !== undefined) {
      problem('ConfigFilesType', 'is set but ConfigFiles is not');
    }
    const single = normalizeConfigFile(raw, problem);
    return single === undefined ? [] : [single];
  }
  if (raw['ConfigFile'] !== undefined || raw['ConfigFileType'] !== undefined) {
    problem('ConfigFile', 'cannot be set together with ConfigFiles: list every file in ConfigFiles');
  }
  if (!Array.isArray(list)) {
    return [];
  }
  // The list may mix both kinds: ConfigFilesType types only the items whose own text does not show theirs.
  const declared = declaredForList === 'file' || declaredForList === 's3' ? declaredForList : undefined;
  return list.flatMap((value, i) => {
    const file = typedConfigFile(
      value,
      inferConfigFileType(value) === undefined ? declared : undefined,
      ['ConfigFiles', i],
      'ConfigFilesType',
      problem,
    );
    return file === undefined ? [] : [file];
  });
};

/** CDK's rule: type and value go together; the type is inferred only from a literal value. */
const normalizeConfigFile = (raw: JsonObject, problem: RouterProblem): ConfigFileSpec | undefined => {
  const value = raw['ConfigFile'];
  const declared = raw['ConfigFileType'];
  if (value === undefined) {
    if (declared !== undefined) {
      problem('ConfigFileType', 'is set but ConfigFile is not');
    }
    return undefined;
  }
  return typedConfigFile(value, declared === 'file' || declared === 's3' ? declared : undefined, ['ConfigFile'], 'ConfigFileType', problem);
};

const typedConfigFile = (
  value: Json,
  declared: ConfigFileType | undefined,
  source: TemplatePath,
  typeKey: string,
  problem: RouterProblem,
): ConfigFileSpec | undefined => {
  if (ifBranches(value)?.some(isNoValue) === true) {
    problem(
      source,
      'cannot leave the file out with AWS::NoValue: the router would get a config variable without a value; list the file only where it applies',
    );
    return undefined;
  }
  const inferred = inferConfigFileType(value);
  if (declared !== undefined) {
    if (inferred !== undefined && inferred !== declared) {
      problem(
        typeKey,
        `is ${declared}, but ${describeSource(source)} looks like ${inferred === 's3' ? 'an S3 object ARN' : 'a file path'}`,
      );
    }
    return { type: declared, value, source };
  }
  if (inferred === undefined) {
    problem(
      source,
      isIntrinsic(value)
        ? `is an intrinsic function, so its type cannot be inferred: set ${typeKey} to file or s3`
        : 'must be an absolute path in the router image (/…) or an S3 object ARN (arn:aws:s3:::bucket/key)',
    );
    return undefined;
  }
  return { type: inferred, value, source };
};

/** `ConfigFile`, or `ConfigFiles[1]`. */
const describeSource = ([key, index]: TemplatePath): string => (index === undefined ? String(key) : `${String(key)}[${String(index)}]`);

/** From a literal, or from the literal text an `Fn::Sub` starts with (`arn:${AWS::Partition}:s3:::…`, `/…`). */
const inferConfigFileType = (value: Json): ConfigFileType | undefined => {
  const branches = ifBranches(value);
  if (branches !== undefined) {
    // An Fn::If is typed when both of its branches show the same type.
    const [whenTrue, whenFalse] = branches.map(inferConfigFileType);
    return whenTrue === whenFalse ? whenTrue : undefined;
  }
  if (typeof value === 'string') {
    if (S3_OBJECT_ARN.test(value)) {
      return 's3';
    }
    return value.startsWith('/') ? 'file' : undefined;
  }
  const sub = isObject(value) ? value['Fn::Sub'] : undefined;
  const text: unknown = Array.isArray(sub) ? sub[0] : sub;
  if (typeof text !== 'string') {
    return undefined;
  }
  if (S3_OBJECT_ARN_TEMPLATE.test(text)) {
    return 's3';
  }
  return text.startsWith('/') ? 'file' : undefined;
};

/** The two values of an `Fn::If`, or undefined for anything else. */
const ifBranches = (value: Json): [Json, Json] | undefined => {
  const args = isObject(value) ? value['Fn::If'] : undefined;
  return Array.isArray(args) && args.length === 3 ? [args[1] ?? null, args[2] ?? null] : undefined;
};

const isNoValue = (value: Json): boolean => isObject(value) && value['Ref'] === 'AWS::NoValue';
