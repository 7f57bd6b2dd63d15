/**
 * What `firelens explain` reports for one task (the `--format json` shape, documented in README.md):
 * the Fluent Bit configuration the ECS agent generates for the task's log router, and beside it the
 * role, permissions and buffer memory of each routed container.
 */

/** One `@INCLUDE`: what Fluent Bit reads, and what in the task definition put it there. */
export interface ExplainedInclude {
  /** The path `@INCLUDE` names in the router container. */
  readonly path: string;
  /** Where it comes from: `config-file-value`, or the init image's environment variable. */
  readonly from: string;
  /** The S3 object it is downloaded from, when it is one. */
  readonly s3Object?: string;
}

/** A `[SERVICE]` key as Fluent Bit will run with it, and what sets it. */
export interface ServiceSetting {
  readonly key: string;
  readonly value: string;
  readonly from: string;
}

/** IAM actions on resources (resources shown as text, intrinsics readable). */
export interface ExplainedPermission {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** The in-memory buffer Docker's fluentd log driver keeps for one container (`log-driver-buffer-limit`). */
export interface ExplainedBuffer {
  /** Log lines; undefined when the value is known only at deploy time. */
  readonly lines: number | undefined;
  readonly from: 'log-driver-buffer-limit' | 'ECS default';
  /** lines × 2048 bytes (a 2 KiB average line, the ECS guide's example); undefined with `lines`. */
  readonly estimateBytes: number | undefined;
}

export interface ExplainedSecretOption {
  readonly name: string;
  /** The config variable the agent writes in place of the value (`${name_<container index>}`). */
  readonly variable: string;
  readonly valueFrom: string;
}

export interface ExplainedOutput {
  readonly container: string;
  /** The tag pattern of the container's `[OUTPUT]` (and of its grep filters). */
  readonly match: string;
  /** The output plugin (`Name`); undefined when the container sets none. */
  readonly plugin: string | undefined;
  /** Plugin options in the order the agent writes them (sorted by key). */
  readonly options: readonly { readonly key: string; readonly value: string }[];
  readonly secretOptions: readonly ExplainedSecretOption[];
  readonly includePattern: string | undefined;
  readonly excludePattern: string | undefined;
  /** Logical id (or value) of the task role that signs the output's AWS calls; undefined without one. */
  readonly taskRole: string | undefined;
  /** The role the output assumes with the task role (`role_arn`, `AWS_Role_ARN`), when it sets one. */
  readonly assumesRole: string | undefined;
  readonly permissions: readonly ExplainedPermission[];
  /** The execution role that ECS reads the secret options with, when there are any. */
  readonly secretsReadBy: string | undefined;
  readonly buffer: ExplainedBuffer;
  readonly notes: readonly string[];
}

export interface ExplainedRouter {
  readonly name: string;
  /** `fluentbit` or `fluentd` (or the value as written when it is neither). */
  readonly type: string;
  readonly image: string;
  /** The forward input's `Mem_Buf_Limit` (ECS agent 1.89.0+): half the router's memory, or 25MB. */
  readonly memBufLimit: string;
  readonly stopTimeout: number | undefined;
}

export interface ExplainedTask {
  readonly logicalId: string;
  /** The resource's `Condition`, when it has one. */
  readonly condition: string | undefined;
  readonly router: ExplainedRouter;
  readonly networkMode: string | undefined;
  readonly compatibilities: readonly string[];
  /** `enable-ecs-log-metadata`: on unless "false"; `deploy time` when it is an intrinsic. */
  readonly ecsMetadata: 'on' | 'off' | 'deploy time';
  /** The `@INCLUDE` the agent writes for `config-file-type`/`config-file-value`. */
  readonly configFile: ExplainedInclude | undefined;
  /** The files the init image includes (`aws_fluent_bit_init_file_N`, `aws_fluent_bit_init_s3_N`). */
  readonly initIncludes: readonly ExplainedInclude[];
  readonly service: readonly ServiceSetting[];
  readonly outputs: readonly ExplainedOutput[];
  /** `/fluent-bit/etc/fluent-bit.conf`, as the agent writes it. */
  readonly config: string;
  /** `/init/fluent-bit-init.conf`, the init image's main file; undefined without init variables. */
  readonly initConfig: string | undefined;
  readonly notes: readonly string[];
}
