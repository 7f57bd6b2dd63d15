/**
 * An independent audit of the IAM the macro generates: given a template before and after expansion, it
 * lists every generated policy that grants more than the task's log routing needs. The needs come from a
 * table written here from the AWS and Fluent Bit documentation (not from the macro's own permission
 * code), applied to what the expanded task actually configures (its awsfirelens options, router, secrets).
 */
import { isObject, type Json, type JsonObject } from '../../functions/shared/template/intrinsics';

/** Task-role actions per Fluent Bit output plugin (Fluent Bit output docs; the Go plugins' READMEs). */
const OUTPUT_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  cloudwatch_logs: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:CreateLogGroup', 'logs:PutRetentionPolicy'],
  cloudwatch: [
    'logs:DescribeLogStreams',
    'logs:CreateLogStream',
    'logs:PutLogEvents',
    'logs:CreateLogGroup',
    'logs:PutRetentionPolicy',
    'logs:TagLogGroup',
    'logs:TagResource',
  ],
  kinesis_firehose: ['firehose:PutRecordBatch'],
  firehose: ['firehose:PutRecordBatch'],
  kinesis_streams: ['kinesis:PutRecords'],
  kinesis: ['kinesis:PutRecords'],
  s3: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:PutObjectAcl'],
  opensearch: ['es:ESHttpPost', 'es:ESHttpPut', 'aoss:APIAccessAll'],
  es: ['es:ESHttpPost', 'es:ESHttpPut', 'aoss:APIAccessAll'],
};
/** Granted only when the options turn the feature on (`auto_create_group true`). */
const AUTO_CREATE_GROUP_ACTIONS = new Set(['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'logs:TagLogGroup', 'logs:TagResource']);
const CROSS_ACCOUNT_ACTIONS = ['sts:AssumeRole'];
/** A config file fetched from S3 (ECS developer guide, "Specifying a custom configuration file"). */
const S3_CONFIG_ACTIONS = ['s3:GetObject', 's3:GetBucketLocation'];
/** Pulling an image from ECR (ECS developer guide, "Task execution IAM role"). */
const ECR_PULL_ACTIONS = [
  'ecr:GetAuthorizationToken',
  'ecr:BatchCheckLayerAvailability',
  'ecr:BatchGetImage',
  'ecr:GetDownloadUrlForLayer',
];
const AWSLOGS_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
const SECRET_ACTIONS = ['secretsmanager:GetSecretValue', 'ssm:GetParameters'];
const MANAGED_EXECUTION_POLICY = 'arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy';
/** The one action IAM accepts on no narrower resource than "*". */
const STAR_ONLY_ACTION = 'ecr:GetAuthorizationToken';

const ROLE_SUFFIXES = {
  task: ['FireLensTaskRole', 'FireLensTaskPolicy'],
  execution: ['FireLensExecutionRole', 'FireLensExecutionPolicy'],
} as const;
type RoleKind = keyof typeof ROLE_SUFFIXES;

/** Every problem of every generated IAM resource, as `LogicalId: message` lines (empty: all fine). */
export const auditGeneratedIam = (input: JsonObject, output: JsonObject): string[] => {
  const before = resourcesOf(input);
  const after = resourcesOf(output);
  const problems: string[] = [];
  for (const [logicalId, resource] of Object.entries(after)) {
    const type = resource['Type'];
    if (before[logicalId] !== undefined || typeof type !== 'string' || !type.startsWith('AWS::IAM::')) {
      continue;
    }
    const owner = ownerOf(logicalId, after);
    if (owner === undefined) {
      problems.push(`${logicalId}: a generated ${type} that belongs to no task definition`);
      continue;
    }
    const needs = needsOf(owner.kind, after[owner.taskId] ?? {}, before[owner.taskId] ?? {});
    const properties = isObject(resource['Properties']) ? resource['Properties'] : {};
    const say = (message: string): void => void problems.push(`${logicalId}: ${message}`);
    if (type === 'AWS::IAM::Role') {
      auditTrust(properties['AssumeRolePolicyDocument'], say);
      auditManagedPolicies(properties['ManagedPolicyArns'], owner.kind, say);
      const policies = Array.isArray(properties['Policies']) ? properties['Policies'] : [];
      policies.forEach((policy) => {
        auditDocument(isObject(policy) ? policy['PolicyDocument'] : undefined, needs, say);
      });
    } else if (type === 'AWS::IAM::Policy') {
      auditDocument(properties['PolicyDocument'], needs, say);
    } else {
      say(`the macro is not expected to generate a ${type}`);
    }
  }
  return problems;
};

const resourcesOf = (template: JsonObject): Record<string, JsonObject> => {
  const resources = template['Resources'];
  if (!isObject(resources)) {
    return {};
  }
  return Object.fromEntries(Object.entries(resources).filter((entry): entry is [string, JsonObject] => isObject(entry[1])));
};

const ownerOf = (logicalId: string, resources: Record<string, JsonObject>): { taskId: string; kind: RoleKind } | undefined => {
  for (const kind of ['task', 'execution'] as const) {
    for (const suffix of ROLE_SUFFIXES[kind]) {
      const taskId = logicalId.slice(0, -suffix.length);
      if (logicalId.endsWith(suffix) && resources[taskId]?.['Type'] === 'AWS::ECS::TaskDefinition') {
        return { taskId, kind };
      }
    }
  }
  return undefined;
};

/** Every object anywhere under `value` (both branches of an Fn::If included). */
const objectsUnder = (value: Json | undefined): JsonObject[] => {
  if (Array.isArray(value)) {
    return value.flatMap(objectsUnder);
  }
  if (!isObject(value)) {
    return [];
  }
  return [value, ...Object.values(value).flatMap(objectsUnder)];
};

interface Needs {
  readonly actions: ReadonlySet<string>;
  /** A name-level wildcard is expected where the task names a destination the macro cannot read. */
  readonly opaqueNames: boolean;
  /** An option value holds run-time templating (`$(tag)`, `${ENV}`, `%Y`): its literal prefix then `*` is expected. */
  readonly templated: boolean;
  /** `SecretsKmsKey` given as an alias: kms:Decrypt on `key/*` narrowed by a kms:ResourceAliases condition. */
  readonly kmsAlias: boolean;
}

/** The FireLens object as written, or its object branch under a conditional FireLens (`!If [C, {…}, !Ref AWS::NoValue]`). */
const fireLensObject = (value: Json | undefined): Json | undefined => {
  const branches = isObject(value) ? value['Fn::If'] : undefined;
  if (!Array.isArray(branches)) {
    return value;
  }
  return branches.slice(1).find((branch) => isObject(branch) && branch['Ref'] === undefined);
};

const needsOf = (kind: RoleKind, expandedTask: JsonObject, inputTask: JsonObject): Needs => {
  const properties = isObject(expandedTask['Properties']) ? expandedTask['Properties'] : {};
  const everything = objectsUnder(properties['ContainerDefinitions']);
  const fireLensInput = fireLensObject(isObject(inputTask['Properties']) ? inputTask['Properties']['FireLens'] : undefined);
  const actions = new Set<string>();
  let opaqueNames = false;
  let templated = false;
  const add = (list: readonly string[]): void => {
    list.forEach((action) => actions.add(action));
  };
  const routerOptions = everything.flatMap((o) =>
    isObject(o['FirelensConfiguration']) ? objectsUnder(o['FirelensConfiguration']['Options']).slice(0, 1) : [],
  );
  const onFargate = JSON.stringify(properties['RequiresCompatibilities'] ?? []).includes('FARGATE');
  if (kind === 'task') {
    for (const logConfiguration of everything.filter((o) => o['LogDriver'] === 'awsfirelens')) {
      const options = isObject(logConfiguration['Options']) ? logConfiguration['Options'] : {};
      const name = options['Name'];
      const plugin = typeof name === 'string' ? OUTPUT_ACTIONS[name] : Object.values(OUTPUT_ACTIONS).flat();
      const autoCreate = mayBeOn(options['auto_create_group']) || typeof name !== 'string';
      add((plugin ?? []).filter((action) => autoCreate || !AUTO_CREATE_GROUP_ACTIONS.has(action)));
      if (Object.keys(options).some((key) => key.toLowerCase() === 'role_arn' || key === 'AWS_Role_ARN')) {
        add(CROSS_ACCOUNT_ACTIONS);
      }
      opaqueNames ||= Object.values(options).some(isOpaqueName) || isUnreadableSearchHost(options);
      templated ||= Object.values(options).some((value) => typeof value === 'string' && RUN_TIME_TEMPLATING.test(value));
    }
    // AWS for Fluent Bit's init image fetches `aws_fluent_bit_init_s3_*` objects with the task role.
    if (JSON.stringify(properties['ContainerDefinitions'] ?? []).includes('aws_fluent_bit_init_s3_')) {
      add(S3_CONFIG_ACTIONS);
    }
  } else {
    add(ECR_PULL_ACTIONS);
    add(AWSLOGS_ACTIONS);
    if (everything.some((o) => o['SecretOptions'] !== undefined || o['Secrets'] !== undefined)) {
      add(SECRET_ACTIONS);
      if (isObject(fireLensInput) && fireLensInput['SecretsKmsKey'] !== undefined) {
        add(['kms:Decrypt']);
      }
    }
    if (!onFargate && routerOptions.some((o) => o['config-file-type'] === 's3')) {
      add(S3_CONFIG_ACTIONS);
    }
  }
  const kmsKey = isObject(fireLensInput) ? fireLensInput['SecretsKmsKey'] : undefined;
  return { actions, opaqueNames, templated, kmsAlias: typeof kmsKey === 'string' && kmsKey.startsWith('alias/') };
};

/** Fluent Bit's record accessors / Go templates (`$(tag)`, `$TAG`), environment variables (`${ENV}`), strftime in s3 keys (`%Y`). */
const RUN_TIME_TEMPLATING = /\$\(|\$\{|\$[A-Za-z_]|%[A-Za-z]/;

/** Fluent Bit reads `true`, `on`, `yes` and `1` (any case) as on; an intrinsic may be either. */
const mayBeOn = (value: Json | undefined): boolean =>
  value === true || isObject(value) || (typeof value === 'string' && /^(true|on|yes|1)$/i.test(value.trim()));

/** A destination value the macro cannot turn into a name: an intrinsic other than a plain Ref/GetAtt, or a name that starts with run-time templating. */
const isOpaqueName = (value: Json): boolean =>
  (isObject(value) && !('Ref' in value) && !('Fn::GetAtt' in value)) || (typeof value === 'string' && /^(\$|%)/.test(value));

/**
 * An OpenSearch host that is not an AWS endpoint (`search-<domain>-<id>.<region>.es.amazonaws.com`,
 * `<collection>.<region>.aoss.amazonaws.com`), e.g. a custom domain endpoint, names no domain.
 */
/** Managed domain endpoints, and Serverless collection endpoints: each readable only for the service the output signs for. */
const DOMAIN_ENDPOINT = /^(?:search|vpc)-[a-z][a-z0-9-]*-[a-z0-9]+\.[a-z0-9-]+\.es\.amazonaws\.com$/;
const COLLECTION_ENDPOINT = /^[a-z0-9]+\.[a-z0-9-]+\.aoss\.amazonaws\.com$/;

/** A search host the macro cannot name a resource for: no endpoint, or one of the other service (a collection signed as `es`). */
const isUnreadableSearchHost = (options: JsonObject): boolean => {
  const host = options['Host'] ?? options['host'];
  const search = options['Name'] === 'es' || options['Name'] === 'opensearch';
  const service = options['AWS_Service_Name'];
  const endpoint = typeof service === 'string' && service.toLowerCase() === 'aoss' ? COLLECTION_ENDPOINT : DOMAIN_ENDPOINT;
  return search && typeof host === 'string' && !endpoint.test(host.toLowerCase());
};

const auditTrust = (document: Json | undefined, say: (message: string) => void): void => {
  const statements = isObject(document) && Array.isArray(document['Statement']) ? document['Statement'] : [];
  if (statements.length === 0) {
    say('a role without a trust policy statement');
  }
  for (const statement of statements) {
    if (!isObject(statement)) {
      say('a trust policy statement that is not an object');
      continue;
    }
    const principal = isObject(statement['Principal']) ? statement['Principal']['Service'] : undefined;
    if (principal !== 'ecs-tasks.amazonaws.com') {
      say(`trusts ${JSON.stringify(principal ?? statement['Principal'])}, not ecs-tasks.amazonaws.com`);
    }
    const condition = isObject(statement['Condition']) ? statement['Condition'] : {};
    const equals = isObject(condition['StringEquals']) ? condition['StringEquals'] : {};
    if (JSON.stringify(equals['aws:SourceAccount']) !== JSON.stringify({ Ref: 'AWS::AccountId' })) {
      say('a trust policy without the aws:SourceAccount condition on the stack account (confused deputy)');
    }
  }
};

const auditManagedPolicies = (arns: Json | undefined, kind: RoleKind, say: (message: string) => void): void => {
  for (const arn of Array.isArray(arns) ? arns : []) {
    const text = isObject(arn) ? arn['Fn::Sub'] : arn;
    if (kind !== 'execution' || text !== MANAGED_EXECUTION_POLICY) {
      say(`attaches the managed policy ${JSON.stringify(arn)}`);
    }
  }
};

const auditDocument = (document: Json | undefined, needs: Needs, say: (message: string) => void): void => {
  const statements = isObject(document) && Array.isArray(document['Statement']) ? document['Statement'] : [];
  for (const statement of statements) {
    if (!isObject(statement)) {
      say('a policy statement that is not an object');
      continue;
    }
    for (const key of ['NotAction', 'NotResource', 'NotPrincipal']) {
      if (key in statement) {
        say(`a statement with ${key}`);
      }
    }
    if (statement['Effect'] !== 'Allow') {
      say(`a statement with Effect ${JSON.stringify(statement['Effect'])}`);
    }
    const actions = asList(statement['Action']);
    for (const action of actions) {
      if (typeof action !== 'string' || action.includes('*')) {
        say(`the wildcard or non-literal action ${JSON.stringify(action)}`);
      } else if (!needs.actions.has(action)) {
        say(`${action}, which the task's log routing does not need`);
      }
    }
    for (const resource of asList(statement['Resource'])) {
      auditResource(resource, actions, isObject(statement['Condition']), needs, say);
    }
  }
};

const asList = (value: Json | undefined): Json[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** The ARN text of a resource value: a literal, or the body of an Fn::Sub (Ref/GetAtt carry no wildcard). */
const arnText = (resource: Json): string | undefined => {
  if (typeof resource === 'string') {
    return resource;
  }
  const sub = isObject(resource) ? resource['Fn::Sub'] : undefined;
  return typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
};

/** Wildcards that only say "any stream / object / path of this group / bucket / domain": the forms IAM wants. */
const STRUCTURAL_SUFFIXES: Readonly<Record<string, readonly string[]>> = { logs: [':log-stream:*', ':*'], s3: ['/*'], es: ['/*'] };

const auditResource = (
  resource: Json,
  actions: readonly Json[],
  conditioned: boolean,
  needs: Needs,
  say: (message: string) => void,
): void => {
  const text = arnText(resource);
  if (text === undefined || !/[*?]/.test(text)) {
    return;
  }
  if (text === '*') {
    if (actions.length !== 1 || actions[0] !== STAR_ONLY_ACTION) {
      say(`Resource "*" for ${JSON.stringify(actions)}; only ${STAR_ONLY_ACTION} may have it`);
    }
    return;
  }
  // `${Bucket.Arn}/prefix/*`: the ARN of a resource of the template, then a path under it.
  const underTemplateArn = /^\$\{[A-Za-z0-9]+\.Arn\}(.*)$/.exec(text);
  if (underTemplateArn !== null) {
    const path = (underTemplateArn[1] ?? '').replace(/(:log-stream:\*|:\*|\/\*)$/, '');
    if (path.includes('*') && !/^[^*]*[^/:*]\*$/.test(path)) {
      say(`the wildcard in ${text}, under a resource the template names`);
    }
    return;
  }
  // `${AWS::Partition}` holds colons of its own: keep Fn::Sub variables whole while splitting.
  const [prefix, partition, service, region, account, ...rest] = text
    .replace(/\$\{[^}]*\}/g, (variable) => variable.replaceAll(':', '\u0000'))
    .split(':')
    .map((part) => part.replaceAll('\u0000', ':'));
  if (prefix !== 'arn' || rest.length === 0) {
    say(`the resource ${text} is not an ARN`);
    return;
  }
  if ([partition, service, region].some((part) => part?.includes('*'))) {
    say(`a wildcard in the partition, service or region of ${text}`);
  }
  let name = rest.join(':');
  // AWS for Fluent Bit is published from a different account per partition and opt-in region.
  const fluentBitRepository = service === 'ecr' && name === 'repository/aws-for-fluent-bit';
  if (account?.includes('*') && !fluentBitRepository) {
    say(`a wildcard account in ${text}`);
  }
  const suffix = (STRUCTURAL_SUFFIXES[service ?? ''] ?? []).find((s) => name.endsWith(s));
  name = suffix === undefined ? name : name.slice(0, -suffix.length);
  // A secret named without its random suffix: IAM matches the six characters with `-??????` (ECS developer guide).
  name = service === 'secretsmanager' ? name.replace(/-\?{6}$/, '') : name;
  if (!/[*?]/.test(name)) {
    return;
  }
  if (name.includes('?')) {
    say(`the wildcard ? in ${text}`);
    return;
  }
  // Run-time templating becomes the literal text before it and one `*` (`/ecs/$(tag)` → `/ecs/*`).
  const templatedPrefix = needs.templated && name.endsWith('*') && !name.slice(0, -1).includes('*');
  const kmsAlias = service === 'kms' && name === 'key/*' && needs.kmsAlias && conditioned;
  if (!templatedPrefix && !kmsAlias && !needs.opaqueNames) {
    say(`the name-level wildcard in ${text}, though the task names its destination`);
  }
};
