import type { Problem } from '../errors';
import { isIntrinsic, isObject, type Json, type JsonObject, literalInteger } from '../template/intrinsics';
import type { TemplatePath } from '../template/locator';
import { DEFAULT_AVERAGE_LOG_LINE_BYTES, MIB } from '../template/task-memory';
import {
  AWS_FOR_FLUENT_BIT_VERSION,
  DEFAULT_LOG_RETENTION_DAYS,
  DEFAULT_ROUTER_MEMORY_RESERVATION,
  DEFAULT_ROUTER_NAME,
  FLUENT_BIT_SSM_PREFIX,
} from './constants';
import { CONTAINER_PROPERTY, DESTINATION_KEYS, FIRELENS_PROPERTY, MAX_BUFFER_LIMIT_LINES } from './property-schema';
import type { ConfigFileType, DestinationSpec, FireLensSpec, RawFireLensInput, RouterSpec, RouteSpec } from './types';
import { validateField } from './validate';

/** `arn:aws:s3:::bucket/key` (any partition), as CDK infers the S3 config type. */
const S3_OBJECT_ARN = /^arn:aws[a-zA-Z-]*:s3:::[^/]+\/.+$/;

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
  const problem = (key: string, message: string): void => {
    problems.push({ logicalId, path: [...path, key], message });
  };
  const type = raw['Type'] === 'fluentd' ? 'fluentd' : 'fluentbit';
  if (type === 'fluentd' && raw['Image'] === undefined) {
    problem('Image', 'is required when Type is fluentd (the default image is AWS for Fluent Bit)');
  }
  if (raw['Image'] !== undefined && raw['ImageTag'] !== undefined) {
    problem('ImageTag', 'applies only to the default AWS for Fluent Bit image; remove it or remove Image');
  }
  const configFile = normalizeConfigFile(raw, problem);
  if (raw['HealthCheck'] === true) {
    if (type === 'fluentd') {
      problem('HealthCheck', 'is available for fluentbit routers only');
    } else if (configFile !== undefined) {
      problem(
        'HealthCheck',
        'needs the built-in health-check config file, and the router takes one config file only: remove ConfigFile, or HealthCheck and add your own container health check',
      );
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
    configFile,
    logGroup: normalizeLogGroup(raw),
    environment: raw['Environment'],
    secrets: raw['Secrets'],
    healthCheck: raw['HealthCheck'] === true,
    stopTimeout: literalInteger(raw['StopTimeout']),
  };
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

/** CDK's rule: type and value go together; the type is inferred only from a literal value. */
const normalizeConfigFile = (
  raw: JsonObject,
  problem: (key: string, message: string) => void,
): { type: ConfigFileType; value: Json } | undefined => {
  const value = raw['ConfigFile'];
  const declared = raw['ConfigFileType'];
  if (value === undefined) {
    if (declared !== undefined) {
      problem('ConfigFileType', 'is set but ConfigFile is not');
    }
    return undefined;
  }
  const inferred = inferConfigFileType(value);
  if (declared === 'file' || declared === 's3') {
    if (inferred !== undefined && inferred !== declared) {
      problem('ConfigFileType', `is ${declared}, but ConfigFile looks like ${inferred === 's3' ? 'an S3 object ARN' : 'a file path'}`);
    }
    return { type: declared, value };
  }
  if (inferred === undefined) {
    problem(
      'ConfigFile',
      isIntrinsic(value)
        ? 'is an intrinsic function, so its type cannot be inferred: set ConfigFileType to file or s3'
        : 'must be an absolute path in the router image (/…) or an S3 object ARN (arn:aws:s3:::bucket/key)',
    );
    return undefined;
  }
  return { type: inferred, value };
};

const inferConfigFileType = (value: Json): ConfigFileType | undefined => {
  if (typeof value !== 'string') {
    return undefined;
  }
  if (S3_OBJECT_ARN.test(value)) {
    return 's3';
  }
  return value.startsWith('/') ? 'file' : undefined;
};
