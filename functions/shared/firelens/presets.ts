import { HEALTHCHECK_CONFIG_FILE } from './constants';

/**
 * A config file the AWS for Fluent Bit image ships under /fluent-bit/configs/ (aws/aws-for-fluent-bit,
 * configs/ and scripts/dockerfiles/Dockerfile.build: `ADD configs/<name>.conf /fluent-bit/configs/`).
 */
export interface ShippedConfig {
  readonly path: string;
  /** The `[SERVICE] Grace` it sets: seconds Fluent Bit keeps flushing after SIGTERM. */
  readonly graceSeconds: number;
  /** What it does, for README and messages. */
  readonly summary: string;
}

/**
 * The presets `Router.Presets` accepts. Only self-contained files are offered: the image's
 * plugin-metrics-to-cloudwatch configs also need FLUENT_BIT_METRICS_* variables and CloudWatch Logs
 * permissions the macro cannot infer, and output-metrics-healthcheck.conf is what `HealthCheck` uses.
 */
export const ROUTER_PRESETS = {
  'parse-json': {
    path: '/fluent-bit/configs/parse-json.conf',
    graceSeconds: 30,
    summary: "parses each record's `log` field as JSON into top-level keys (filter `parser`, `Reserve_Data True`); also Flush 1, Grace 30",
  },
  'minimize-log-loss': {
    path: '/fluent-bit/configs/minimize-log-loss.conf',
    graceSeconds: 30,
    summary: 'Flush 1 and Grace 30: Fluent Bit flushes every second and keeps flushing 30 s after SIGTERM (default 5 s)',
  },
} as const satisfies Readonly<Record<string, ShippedConfig>>;

export type PresetName = keyof typeof ROUTER_PRESETS;

export const PRESET_NAMES = Object.keys(ROUTER_PRESETS) as readonly PresetName[];

/** output-metrics-healthcheck.conf: the HTTP server on 2020 with Health_Check On, and Grace 30. */
export const HEALTHCHECK_CONFIG: ShippedConfig = {
  path: HEALTHCHECK_CONFIG_FILE,
  graceSeconds: 30,
  summary: 'HTTP server on port 2020 with Health_Check On (GET /api/v1/health); also Flush 1, Grace 30',
};

/**
 * After Grace ends Fluent Bit still shuts its engine down, which "can take longer if there is still
 * pending data" (aws-for-fluent-bit troubleshooting/debugging.md, "Set Grace to 30"). The router's
 * StopTimeout (SIGTERM → SIGKILL) gets this much on top of the Grace, Fluent Bit's own default Grace.
 */
export const SHUTDOWN_MARGIN_SECONDS = 5;
