import type { Json, JsonObject } from '../template/intrinsics';
import type { TemplatePath } from '../template/locator';
import type { PresetName } from './presets';
import type { DestinationKey } from './property-schema';

/** Stage 1 output: one `FireLens` property found on a task definition, not yet judged. */
export interface RawFireLensInput {
  readonly logicalId: string;
  /** ['Resources', logicalId, 'Properties', 'FireLens'] */
  readonly path: TemplatePath;
  readonly raw: unknown;
  /** Per-container `FireLens` keys, by container index. */
  readonly containerOverrides: ReadonlyMap<number, unknown>;
}

export type ConfigFileType = 'file' | 's3';

/** One extra Fluent Bit config file of the router. */
export interface ConfigFileSpec {
  readonly type: ConfigFileType;
  /** A path in the image or an S3 object ARN, as written (a literal or an intrinsic). */
  readonly value: Json;
  /** Where it comes from, under `FireLens.Router` (e.g. `['ConfigFiles', 1]`, `['Presets', 0]`), for messages. */
  readonly source: TemplatePath;
}

export interface RouterSpec {
  readonly type: 'fluentbit' | 'fluentd';
  readonly name: string;
  /** A literal image, an intrinsic, or the default SSM dynamic reference. */
  readonly image: Json;
  /** The default AWS for Fluent Bit image (so the macro knows its ECR repository and may use init-). */
  readonly imageTag: string | undefined;
  readonly memoryReservation: Json | undefined;
  readonly memory: Json | undefined;
  readonly cpu: Json | undefined;
  readonly enableEcsLogMetadata: boolean;
  /** The user's config files: `ConfigFile` as a one-element list, or `ConfigFiles`. */
  readonly configFiles: readonly ConfigFileSpec[];
  /** Written as `ConfigFiles`: always delivered by the init image (which also handles parser files). */
  readonly configFilesListed: boolean;
  readonly presets: readonly PresetName[];
  readonly logGroup:
    | { readonly kind: 'create'; readonly retentionInDays: number }
    | { readonly kind: 'existing'; readonly name: Json }
    | { readonly kind: 'none' };
  readonly environment: Json | undefined;
  readonly secrets: Json | undefined;
  /** The container HealthCheck (defaults filled in), when the router has one. */
  readonly healthCheck: JsonObject | undefined;
  readonly stopTimeout: number | undefined;
  readonly essential: boolean;
  /** Container settings passed through as written (absent: undefined). */
  readonly user: Json | undefined;
  readonly dependsOn: Json | undefined;
  readonly mountPoints: Json | undefined;
  readonly portMappings: Json | undefined;
  readonly readonlyRootFilesystem: boolean | undefined;
}

export interface DestinationSpec {
  readonly kind: DestinationKey;
  /** The validated short-form object (e.g. `{ DeliveryStreamName, Region }`). */
  readonly settings: JsonObject;
}

/** How one container's logs are routed. */
export interface RouteSpec {
  readonly destination: DestinationSpec;
  /** `log-driver-buffer-limit` in log lines: as written (BufferLimit), or computed from BufferMemory. */
  readonly bufferLimit: Json | undefined;
  /** BufferMemory (MiB) when the lines come from it, so a container override's line size recomputes them. */
  readonly bufferMemoryMiB: number | undefined;
  /** Bytes per log line: turns BufferMemory into lines and lines into memory for the memory check. */
  readonly averageLogLineBytes: number;
  readonly includePattern: Json | undefined;
  readonly excludePattern: Json | undefined;
}

/** Stage 2 output: the property with every default applied. */
export interface FireLensSpec {
  readonly logicalId: string;
  readonly path: TemplatePath;
  readonly router: RouterSpec;
  /** Whether the user wrote `FireLens.Router` (a task that already has a router must not). */
  readonly routerWritten: boolean;
  readonly route: RouteSpec;
  /** Per-container overrides: a route, or `false` to opt out. */
  readonly containerRoutes: ReadonlyMap<number, RouteSpec | false>;
  /** Explicit selection of routed containers (by name), if given. */
  readonly containers: readonly string[] | undefined;
  readonly externalRolesGranted: boolean;
  /** The user accepts a `*` or `?` they wrote in a name that becomes an IAM resource (FL1604 warns). */
  readonly allowWildcardResources: boolean;
  /** KMS key of the secrets, when they use a customer-managed key. */
  readonly secretsKmsKey: Json | undefined;
}

/** A resource the macro adds, with the deterministic logical id it gets. */
export interface GeneratedResource {
  readonly logicalId: string;
  readonly resource: JsonObject;
}

/** Stage 3 output: everything emit needs, as data. */
export interface ExpansionPlan {
  readonly logicalId: string;
  /** The task definition's new Properties (FireLens removed, containers rewritten, roles set). */
  readonly properties: JsonObject;
  /** Logical ids the task definition must `DependsOn` (policies attached to its roles). */
  readonly dependsOn: readonly string[];
  readonly resources: readonly GeneratedResource[];
  /** Routed container names, for logs and docs. */
  readonly routedContainers: readonly string[];
  /** Where each part of the new task came from, so findings on the output point at what the user wrote. */
  readonly sources: PlanSources;
}

/** The origin of what a plan writes, read by the source map (source-map.ts). */
export interface PlanSources {
  /** The `FireLens` property of the task (`['Resources', id, 'Properties', 'FireLens']`). */
  readonly fireLens: TemplatePath;
  /** For each container of the new ContainerDefinitions, the index the user wrote it at; undefined for the generated router. */
  readonly containers: readonly (number | undefined)[];
  /**
   * For each routed container (by the index the user wrote it at), the `FireLens` property that chose its
   * route: the container's own `FireLens`, or the task's.
   */
  readonly routes: ReadonlyMap<number, TemplatePath>;
}
