/** Small pure helpers shared by several rules (reading options, ports, IAM actions, images). */
import { cutText, QUOTED_TEXT_LIMIT } from '../errors';
import { getAttTarget, intrinsicName, type Json, literalInteger, literalString, refTarget } from '../template/intrinsics';
import type { TemplatePath } from '../template/locator';
import { BUFFER_LIMIT_OPTION, DEFAULT_AVERAGE_LOG_LINE_BYTES } from '../template/task-memory';
import type { ContainerView, DependsOnView, TaskDefinitionView, TemplateView } from '../template/view';
import { allowsAction } from './iam-coverage';
import type { RuleOptionSpec } from './types';

export const FIRELENS_DOCS = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html';
export const FIRELENS_TASKDEF_DOCS = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-taskdef.html';
export const BUFFER_DOCS = 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/firelens-docker-buffer-limit.html';

/** The rule option that turns a buffer's log lines into memory (FL1103, FL1104). */
export const AVERAGE_LOG_LINE_BYTES = 'average-log-line-bytes';
export const AVERAGE_LOG_LINE_BYTES_OPTION: RuleOptionSpec = {
  description: 'Average size of a log line in bytes: a buffer of N lines takes up to N × this (the ECS guide uses 2 KiB)',
  default: DEFAULT_AVERAGE_LOG_LINE_BYTES,
  minimum: 1,
  maximum: 1_048_576,
};
export const FORWARD_PORT = 24224;

/** A template value as a message shows it: strings quoted, other literals as JSON, cut at 80 characters. */
export const shownValue = (value: unknown): string => {
  // JSON.stringify gives undefined for undefined and functions, whatever its declared type says.
  const json = JSON.stringify(value) as string | undefined;
  const shown = typeof value === 'string' ? `"${value}"` : (json ?? String(value));
  return cutText(shown, QUOTED_TEXT_LIMIT);
};

/** The container's name; for a name given by an intrinsic, the intrinsic as written (`!Ref WorkloadName`). */
/** A role ARN value as a message shows it: `!Ref TaskRoleArn`, `!GetAtt Role.Arn`, `!ImportValue …`, or the quoted literal. */
export const shownRole = (value: Json | undefined): string => {
  const ref = refTarget(value);
  const att = getAttTarget(value);
  const name = intrinsicName(value);
  if (ref !== undefined) {
    return `!Ref ${ref}`;
  }
  if (att !== undefined) {
    return `!GetAtt ${att.join('.')}`;
  }
  if (name === undefined) {
    return shownValue(value);
  }
  const argument = (value as Record<string, Json>)[name];
  return `!${name.replace(/^Fn::/, '')} ${typeof argument === 'string' ? argument : '…'}`;
};

export const containerLabel = (container: ContainerView): string => container.name ?? container.nameSource ?? `#${String(container.index)}`;

/** The FirelensConfiguration option `key` of a router, with its path. */
export const routerOption = (router: ContainerView, key: string): { value: Json; path: TemplatePath } | undefined => {
  const options = router.firelensOptions;
  if (options === undefined || !Object.hasOwn(options, key)) {
    return undefined;
  }
  return { value: options[key] ?? null, path: [...router.path, 'FirelensConfiguration', 'Options', key] };
};

/** Whether the role's permissions can be judged at all (no managed policies, no intrinsic documents). */
export const roleIsKnown = (view: TemplateView, roleId: string | undefined): boolean => {
  const role = roleId === undefined ? undefined : view.roles.get(roleId);
  return role !== undefined && !role.hasUnknownPolicies && !role.statements.some((s) => s.unknownActions);
};

export const missingActions = (view: TemplateView, roleId: string, actions: readonly string[]): string[] => {
  const statements = view.roles.get(roleId)?.statements ?? [];
  return actions.filter((a) => !allowsAction(statements, a));
};

/** A container's DependsOn entry on the router, if it declares one. */
export const dependencyOn = (container: ContainerView, router: ContainerView): DependsOnView | undefined =>
  router.name === undefined ? undefined : container.dependsOn.find((d) => d.containerName === router.name);

export const STARTUP_CONDITIONS = new Set(['START', 'HEALTHY']);

/**
 * The router image as text: a literal, a `{{resolve:ssm:…}}` reference, or the Default of a
 * parameter of SSM type the image Refs. Undefined when it cannot be known.
 */
export const routerImage = (view: TemplateView, router: ContainerView): string | undefined => {
  if (router.image !== undefined) {
    return router.image;
  }
  const param = router.imageRef === undefined ? undefined : view.parameters.get(router.imageRef);
  return param ? literalString(param.default) : undefined;
};

/** `repo:tag` → tag; digests pin the image (undefined tag is then irrelevant). */
export const parseImage = (
  image: string,
): { registry: string | undefined; repository: string; tag: string | undefined; digest: boolean } => {
  const ssm =
    /^\{\{resolve:ssm:\/aws\/service\/aws-for-fluent-bit\/([^}:]+)(?::\d+)?\}\}$/.exec(image) ??
    /^\/aws\/service\/aws-for-fluent-bit\/(.+)$/.exec(image);
  if (ssm) {
    return { registry: 'ssm', repository: 'aws-for-fluent-bit', tag: ssm[1], digest: false };
  }
  const at = image.indexOf('@');
  const withoutDigest = at >= 0 ? image.slice(0, at) : image;
  const slash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const tag = colon > slash ? withoutDigest.slice(colon + 1) : undefined;
  const name = colon > slash ? withoutDigest.slice(0, colon) : withoutDigest;
  const first = name.split('/')[0] ?? '';
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return { registry: hasRegistry ? first : undefined, repository: hasRegistry ? name.slice(first.length + 1) : name, tag, digest: at >= 0 };
};

/** Tasks that may run on EC2 (not Fargate-only). */
export const runsOnEc2 = (task: TaskDefinitionView): boolean =>
  task.compatibilities.length === 0 || task.compatibilities.includes('EC2') || task.compatibilities.includes('EXTERNAL');

/** `1.3.0` < `1.4.0`; non-numeric versions (LATEST) compare as undefined. */
export const compareVersions = (a: string, b: string): number | undefined => {
  if (!/^\d+(\.\d+)*$/.test(a) || !/^\d+(\.\d+)*$/.test(b)) {
    return undefined;
  }
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) {
      return d;
    }
  }
  return 0;
};

/** Sum of literal buffer limits of awsfirelens containers, and whether any is set at all. */
export const bufferTotal = (task: TaskDefinitionView): { total: number; any: boolean } => {
  let total = 0;
  let any = false;
  for (const container of task.fireLensContainers) {
    const value = literalInteger(container.logOptions?.[BUFFER_LIMIT_OPTION]);
    if (value !== undefined && value >= 0) {
      total += value;
      any = true;
    }
  }
  return { total, any };
};
