/**
 * The AWS for Fluent Bit version the default router image is pinned to. Its maintainers advise pinning
 * an exact version in production rather than the mutable `latest`/`stable` tags (aws/aws-for-fluent-bit
 * README, "Guidance on consuming versions"). This is the version in the repository's
 * AWS_FOR_FLUENT_BIT_STABLE_VERSION file (2.x line, Fluent Bit 1.9.10) as of 2026-06, still its value when
 * checked on 2026-12-01. Bump it here only, then `npm run test:golden:update` (README, "Image").
 */
export const AWS_FOR_FLUENT_BIT_VERSION = '2.34.3.20260623';

/** Public SSM parameters whose value is the regional ECR URI of each image tag, in every region. */
export const FLUENT_BIT_SSM_PREFIX = '/aws/service/aws-for-fluent-bit/';

/** The regional ECR repository those parameters point at (account differs per partition/opt-in region). */
export const FLUENT_BIT_ECR_REPOSITORY = 'aws-for-fluent-bit';

export const DEFAULT_ROUTER_NAME = 'log_router';
export const DEFAULT_ROUTER_MEMORY_RESERVATION = 50;
export const DEFAULT_LOG_RETENTION_DAYS = 30;

/** ECS's default container stop timeout; Fluent Bit needs its Grace period inside it to flush. */
export const DEFAULT_ROUTER_STOP_TIMEOUT = 30;
/** The largest StopTimeout Fargate accepts (ECS API ContainerDefinition.stopTimeout); EC2 has no such cap. */
export const MAX_FARGATE_STOP_TIMEOUT = 120;

/** The TCP forward input FireLens opens in bridge/awsvpc mode; it must never be reachable from outside. */
export const FLUENT_FORWARD_PORT = 24224;

/** Built-in file of the AWS for Fluent Bit image that turns on the HTTP server with health checks (port 2020). */
export const HEALTHCHECK_CONFIG_FILE = '/fluent-bit/configs/output-metrics-healthcheck.conf';
