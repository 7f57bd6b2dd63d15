import type { Json, JsonObject } from '../template/intrinsics';
import { getAttTarget, isIntrinsic, isObject, literalString, refTarget } from '../template/intrinsics';
import { escapeForSub, literalPrefix } from './templating';
import type { ResourceSource } from './wildcards';

/**
 * ARN builder for the resources FireLens outputs and secrets point at. An option value is one of:
 * a literal name, a literal ARN, a Ref/GetAtt to a resource of this template, or some other
 * intrinsic. Each becomes an IAM `Resource` value; intrinsics are never evaluated, only wrapped.
 */
export type ArnKind =
  | 'logGroup'
  | 'deliveryStream'
  | 'kinesisStream'
  | 's3Bucket'
  | 'openSearchDomain'
  | 'aossCollection'
  | 'iamRole'
  | 'secret'
  | 'ssmParameter'
  | 'kmsKey';

/** How a same-template resource yields its ARN: what Ref returns decides (CloudFormation resource reference, "Return values"). */
type SameTemplateArn = 'getAttArn' | 'refIsArn' | 'subFromName' | 'logGroup';

interface KindSpec {
  readonly cfnTypes: readonly string[];
  readonly sameTemplate: SameTemplateArn;
  /** Fn::Sub body for a name; `${Name}`/`${Region}` are filled in by the builder. */
  readonly pattern: string;
}

const REGION = '${Region}';
const NAME = '${Name}';

const KINDS: Readonly<Record<ArnKind, KindSpec>> = {
  // GetAtt Arn of a log group is the `log-group:<name>:*` form, the one IAM wants for most logs
  // actions; any other suffix is built from Ref, which returns the name.
  logGroup: {
    cfnTypes: ['AWS::Logs::LogGroup'],
    sameTemplate: 'logGroup',
    pattern: `arn:\${AWS::Partition}:logs:${REGION}:\${AWS::AccountId}:log-group:${NAME}`,
  },
  // Ref → name, GetAtt Arn → ARN.
  deliveryStream: {
    cfnTypes: ['AWS::KinesisFirehose::DeliveryStream'],
    sameTemplate: 'getAttArn',
    pattern: `arn:\${AWS::Partition}:firehose:${REGION}:\${AWS::AccountId}:deliverystream/${NAME}`,
  },
  kinesisStream: {
    cfnTypes: ['AWS::Kinesis::Stream'],
    sameTemplate: 'getAttArn',
    pattern: `arn:\${AWS::Partition}:kinesis:${REGION}:\${AWS::AccountId}:stream/${NAME}`,
  },
  // Bucket ARNs carry neither region nor account.
  s3Bucket: { cfnTypes: ['AWS::S3::Bucket'], sameTemplate: 'getAttArn', pattern: `arn:\${AWS::Partition}:s3:::${NAME}` },
  openSearchDomain: {
    cfnTypes: ['AWS::OpenSearchService::Domain', 'AWS::Elasticsearch::Domain'],
    sameTemplate: 'getAttArn',
    pattern: `arn:\${AWS::Partition}:es:${REGION}:\${AWS::AccountId}:domain/${NAME}`,
  },
  // The collection ARN ends in the collection id (the endpoint's first label), not its name.
  aossCollection: {
    cfnTypes: ['AWS::OpenSearchServerless::Collection'],
    sameTemplate: 'getAttArn',
    pattern: `arn:\${AWS::Partition}:aoss:${REGION}:\${AWS::AccountId}:collection/${NAME}`,
  },
  iamRole: {
    cfnTypes: ['AWS::IAM::Role'],
    sameTemplate: 'getAttArn',
    pattern: `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/${NAME}`,
  },
  // Ref of a secret returns its ARN. A bare name gets the random 6-character suffix as `-??????`.
  secret: {
    cfnTypes: ['AWS::SecretsManager::Secret'],
    sameTemplate: 'refIsArn',
    pattern: `arn:\${AWS::Partition}:secretsmanager:${REGION}:\${AWS::AccountId}:secret:${NAME}-??????`,
  },
  // Ref → name; there is no Arn attribute. Names may start with `/`; the ARN has a single slash.
  ssmParameter: {
    cfnTypes: ['AWS::SSM::Parameter'],
    sameTemplate: 'subFromName',
    pattern: `arn:\${AWS::Partition}:ssm:${REGION}:\${AWS::AccountId}:parameter/${NAME}`,
  },
  // Ref → key id, GetAtt Arn → ARN.
  kmsKey: {
    cfnTypes: ['AWS::KMS::Key'],
    sameTemplate: 'getAttArn',
    pattern: `arn:\${AWS::Partition}:kms:${REGION}:\${AWS::AccountId}:key/${NAME}`,
  },
};

export interface ArnInput {
  readonly kind: ArnKind;
  /** The option value: a name, an ARN, or an intrinsic. */
  readonly value: Json;
  /** Option key, used in notes (`log_group_name`). */
  readonly option: string;
  /** Literal text appended to the ARN (`:log-stream:*`, `/*`, `/logs/*`). */
  readonly suffix?: string;
  /** The plugin's region option; undefined means the stack's region. Global kinds ignore it. */
  readonly region?: Json | undefined;
  /** Treat strftime `%Y` in the value as run-time templating (s3 keys). */
  readonly strftime?: boolean;
  /** The option the region came from, reported with it (`region`, `AWS_Region`). */
  readonly regionOption?: string;
  /** False for a value the builder chose itself (`*` for an alias-scoped KMS key): nothing the user wrote to report. */
  readonly written?: boolean;
}

export interface ArnContext {
  /** The template's `Resources` section, to recognise Ref/GetAtt to resources of this template. */
  readonly resources: Readonly<Record<string, unknown>>;
  /**
   * Resources the macro generates for the task at hand (its log groups), looked up before `resources`.
   * Kept apart so that the template's resources are never copied per task (that copy made the
   * expansion quadratic in the number of resources).
   */
  readonly generated?: Readonly<Record<string, unknown>>;
  /**
   * Told of every value the user wrote that became (part of) an IAM resource, so validation can refuse a
   * wildcard in it and name the field it came from (checks/iam.ts).
   */
  readonly onResource?: (source: ResourceSource) => void;
}

/** The resource `id` of the template or of the task's generated ones; undefined when neither holds it. */
export const contextResource = (context: ArnContext, id: string | undefined): unknown => {
  if (id === undefined) {
    return undefined;
  }
  if (context.generated !== undefined && Object.hasOwn(context.generated, id)) {
    return context.generated[id];
  }
  return Object.hasOwn(context.resources, id) ? context.resources[id] : undefined;
};

export interface ArnResult {
  readonly arn: Json;
  readonly notes: readonly string[];
}

export const arnKindTypes = (kind: ArnKind): readonly string[] => KINDS[kind].cfnTypes;

/** The resource type of a Ref/GetAtt target in this template, when the value points at one. */
const sameTemplateResource = (
  value: Json,
  context: ArnContext,
): { readonly id: string; readonly type: string; readonly properties: JsonObject } | undefined => {
  const id = refTarget(value) ?? getAttTarget(value)?.[0];
  const resource = contextResource(context, id);
  if (id === undefined) {
    return undefined;
  }
  const type = isObject(resource) ? literalString(resource['Type']) : undefined;
  if (type === undefined || !isObject(resource)) {
    return undefined;
  }
  const properties = resource['Properties'];
  return { id, type, properties: isObject(properties) ? properties : {} };
};

const sub = (body: string, variables: JsonObject): Json =>
  Object.keys(variables).length === 0 ? { 'Fn::Sub': body } : { 'Fn::Sub': [body, variables] };

/** `${Region}` becomes a literal, a variable, or the stack's region. */
const withRegion = (pattern: string, region: Json | undefined, variables: JsonObject): string => {
  if (!pattern.includes(REGION)) {
    return pattern;
  }
  if (typeof region === 'string' && region !== '') {
    return pattern.replace(REGION, escapeForSub(region));
  }
  if (refTarget(region) === 'AWS::Region') {
    return pattern.replace(REGION, '${AWS::Region}');
  }
  if (region !== undefined && isIntrinsic(region)) {
    variables['Region'] = region;
    return pattern;
  }
  return pattern.replace(REGION, '${AWS::Region}');
};

const fromSameTemplate = (input: ArnInput, resource: { readonly id: string; readonly properties: JsonObject }): Json => {
  const spec = KINDS[input.kind];
  const suffix = escapeForSub(input.suffix ?? '');
  switch (spec.sameTemplate) {
    case 'getAttArn':
      return suffix === '' ? { 'Fn::GetAtt': [resource.id, 'Arn'] } : { 'Fn::Sub': `\${${resource.id}.Arn}${suffix}` };
    case 'refIsArn':
      return suffix === '' ? { Ref: resource.id } : { 'Fn::Sub': `\${${resource.id}}${suffix}` };
    case 'logGroup':
      if (suffix === ':*') {
        return { 'Fn::GetAtt': [resource.id, 'Arn'] };
      }
      return { 'Fn::Sub': withRegion(spec.pattern, undefined, {}).replace(NAME, `\${${resource.id}}`) + suffix };
    case 'subFromName': {
      // Same stack, so the stack's region, whatever the plugin's region option says.
      const literalName = literalString(resource.properties['Name']);
      const name = literalName === undefined ? `\${${resource.id}}` : escapeForSub(literalName.replace(/^\//, ''));
      return { 'Fn::Sub': withRegion(spec.pattern, undefined, {}).replace(NAME, name) + suffix };
    }
  }
};

const fromLiteral = (input: ArnInput, value: string, expectsArn: boolean): ArnResult => {
  const { literal, templated } = literalPrefix(value, { strftime: input.strftime === true });
  const notes = templated
    ? [`\`${input.option}\` is only known at run time (\`${value}\`); the policy allows everything starting with \`${literal}\`.`]
    : [];
  const text = templated ? `${literal}*` : literal;
  const suffix = input.suffix ?? '';
  // An ARN given where a name is expected is used as it is.
  if (text.startsWith('arn:') || expectsArn) {
    return { arn: `${text}${suffix}`, notes };
  }
  const variables: JsonObject = {};
  const name = input.kind === 'ssmParameter' ? text.replace(/^\//, '') : text;
  const body = withRegion(KINDS[input.kind].pattern, input.region, variables).replace(NAME, escapeForSub(name));
  return { arn: sub(body + escapeForSub(suffix), variables), notes };
};

const fromIntrinsic = (input: ArnInput, value: JsonObject, expectsArn: boolean): ArnResult => {
  const suffix = escapeForSub(input.suffix ?? '');
  if (expectsArn) {
    return { arn: suffix === '' ? value : sub(`\${Arn}${suffix}`, { Arn: value }), notes: [] };
  }
  const variables: JsonObject = { Name: value };
  const body = withRegion(KINDS[input.kind].pattern, input.region, variables);
  return { arn: sub(body + suffix, variables), notes: [] };
};

/**
 * The IAM resource for `input.value`. `expectsArn` is for options that hold an ARN (role_arn,
 * secrets): a non-resource intrinsic is then used as it is rather than wrapped as a name.
 */
export const buildArn = (input: ArnInput, context: ArnContext, expectsArn = false): ArnResult => {
  const result = buildArnOf(input, context, expectsArn);
  if (input.written !== false && context.onResource !== undefined) {
    const strftime = input.strftime === true ? { strftime: true } : {};
    context.onResource({ option: input.option, value: input.value, kind: input.kind, arn: result.arn, ...strftime });
    // A literal region is part of the ARN as well (`arn:aws:firehose:*:…` would be every region).
    if (typeof input.region === 'string' && KINDS[input.kind].pattern.includes(REGION)) {
      context.onResource({ option: input.regionOption ?? 'region', value: input.region, kind: input.kind, arn: result.arn });
    }
  }
  return result;
};

const buildArnOf = (input: ArnInput, context: ArnContext, expectsArn: boolean): ArnResult => {
  const { value } = input;
  if (typeof value === 'string') {
    return fromLiteral(input, value, expectsArn);
  }
  const resource = sameTemplateResource(value, context);
  if (resource !== undefined && KINDS[input.kind].cfnTypes.includes(resource.type)) {
    return { arn: fromSameTemplate(input, resource), notes: [] };
  }
  if (isIntrinsic(value)) {
    const mismatch =
      resource === undefined
        ? []
        : [`\`${input.option}\` refers to ${resource.id}, a ${resource.type}, not a ${KINDS[input.kind].cfnTypes.join(' or ')}.`];
    const built = fromIntrinsic(input, value, expectsArn);
    return { arn: built.arn, notes: [...mismatch, ...built.notes] };
  }
  // Numbers, booleans, lists: nothing an ARN can be made of. Validation reports the value.
  const variables: JsonObject = {};
  const body = withRegion(KINDS[input.kind].pattern, input.region, variables).replace(NAME, '*');
  return {
    arn: sub(body + escapeForSub(input.suffix ?? ''), variables),
    notes: [`\`${input.option}\` is not a string; the policy allows every ${input.kind} of the account.`],
  };
};
