import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import Ajv, { type ErrorObject } from 'ajv';

import { isIntrinsic, isObject, type Json, type JsonObject } from '../../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../../functions/shared/template/load';
import { PROVIDER_SCHEMAS_DIR } from '../../helpers/provider-schemas';

// The provider schemas committed with the tests (source and version in that folder's README).
const SCHEMAS = PROVIDER_SCHEMAS_DIR;
const { template } = loadTemplate(readFileSync(join(__dirname, '../../../template.yaml'), 'utf8'));
const resources = template['Resources'] as Record<string, JsonObject>;
const parameters = template['Parameters'] as Record<string, JsonObject>;

const propertiesOf = (logicalId: string): JsonObject => {
  const resource = resources[logicalId];
  if (!resource || !isObject(resource['Properties'])) {
    throw new Error(`${logicalId} has no Properties`);
  }
  return resource['Properties'];
};

/** cfn-lint's schemas use Python regex syntax (`(?i)` inline flags, `\A`/`\Z` anchors) that JavaScript does not know. */
const jsPattern = (pattern: string): string =>
  pattern
    .replace(/\(\?i\)aws/g, '[Aa][Ww][Ss]')
    .replace(/\\Z/g, '$')
    .replace(/\\A/g, '^');

const validatorFor = (file: string) => {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    validateFormats: false,
    logger: false,
    validateSchema: false,
    code: { regExp: Object.assign((p: string, f: string) => new RegExp(jsPattern(p), f), { code: 'jsPattern' }) },
  });
  return ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as object);
};

/** JSON pointers of every intrinsic value (`Ref`, `Fn::GetAtt`, …): resolved only at deploy time. */
const intrinsicPointers = (value: Json, pointer = ''): string[] => {
  if (isIntrinsic(value)) {
    return [pointer];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => intrinsicPointers(item, `${pointer}/${String(i)}`));
  }
  if (isObject(value)) {
    return Object.entries(value).flatMap(([k, v]) => intrinsicPointers(v, `${pointer}/${k}`));
  }
  return [];
};

/** Schema errors, minus those about a value that is an intrinsic (or inside one). */
const schemaErrors = (file: string, properties: JsonObject): ErrorObject[] => {
  const validate = validatorFor(file);
  validate(properties);
  const skipped = intrinsicPointers(properties);
  return (validate.errors ?? []).filter((e) => !skipped.some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`)));
};

describe('template.yaml hook resources', () => {
  it('declares a LambdaHook the AWS::CloudFormation::LambdaHook schema accepts', () => {
    // Arrange
    const properties = propertiesOf('FireLensHook');

    // Act
    const errors = schemaErrors('aws-cloudformation-lambdahook.json', properties);

    // Assert
    expect(errors).toEqual([]);
    expect(properties).toMatchObject({
      HookStatus: 'ENABLED',
      TargetOperations: ['RESOURCE', 'STACK', 'CHANGE_SET'],
      FailureMode: { Ref: 'HookFailureMode' },
      TargetFilters: { Actions: ['CREATE', 'UPDATE'], InvocationPoints: ['PRE_PROVISION'] },
    });
    expect((properties['TargetFilters'] as JsonObject)['TargetNames']).toEqual(
      expect.arrayContaining([
        'AWS::ECS::TaskDefinition',
        'AWS::ECS::Service',
        'AWS::EC2::SecurityGroup',
        'AWS::EC2::SecurityGroupIngress',
        'AWS::EC2::LaunchTemplate',
        'AWS::EC2::Instance',
      ]),
    );
  });

  it('gives the hook alias and failure mode parameters defaults the schema accepts', () => {
    // Arrange
    const hookSchema = { Alias: parameters['HookAlias']?.['Default'], FailureMode: parameters['HookFailureMode']?.['Default'] };

    // Act
    const errors = schemaErrors('aws-cloudformation-lambdahook.json', hookSchema as JsonObject).filter((e) => e.keyword !== 'required');

    // Assert
    expect(errors).toEqual([]);
    expect(hookSchema).toEqual({ Alias: 'Private::FireLens::Hook', FailureMode: 'FAIL' });
  });

  it('declares an execution role CloudFormation Hooks can assume, allowed to invoke only the hook function', () => {
    // Arrange
    const properties = propertiesOf('FireLensHookExecutionRole');

    // Act
    const errors = schemaErrors('aws-iam-role.json', properties);

    // Assert
    expect(errors).toEqual([]);
    expect(JSON.stringify(properties['AssumeRolePolicyDocument'])).toContain('"Service":"hooks.cloudformation.amazonaws.com"');
    expect(properties['Policies']).toEqual([
      expect.objectContaining({
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: { 'Fn::GetAtt': ['FireLensHookFunction', 'Arn'] } }],
        },
      }),
    ]);
  });

  it('gives the hook function its own log group with a retention', () => {
    // Arrange
    const properties = propertiesOf('FireLensHookLogGroup');

    // Act
    const errors = schemaErrors('aws-logs-loggroup.json', properties);

    // Assert
    expect(errors).toEqual([]);
    expect(properties['RetentionInDays']).toEqual({ Ref: 'LogRetentionInDays' });
  });

  it('bundles the hook function with esbuild, under the 30 s hook limit, allowed to describe task definitions', () => {
    // Arrange
    const resource = resources['FireLensHookFunction'];

    // Act
    const properties = propertiesOf('FireLensHookFunction');

    // Assert
    expect(resource?.['Type']).toBe('AWS::Serverless::Function');
    expect(properties).toMatchObject({
      CodeUri: 'functions/hook/',
      Handler: 'handler.handler',
      LoggingConfig: { LogGroup: { Ref: 'FireLensHookLogGroup' } },
    });
    expect(properties['Timeout']).toBeLessThanOrEqual(30);
    expect(resource?.['Metadata']).toMatchObject({ BuildMethod: 'esbuild', BuildProperties: { EntryPoints: ['handler.ts'] } });
    expect(properties['Policies']).toEqual([
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ecs:DescribeTaskDefinition', Resource: '*' }] },
    ]);
    expect((properties['Environment'] as JsonObject)['Variables']).toMatchObject({
      HOOK_PAYLOAD_ALLOWED_HOSTS: 's3',
      HOOK_PAYLOAD_ALLOW_HTTP: 'false',
    });
  });

  it('passes the template-suppression and unchecked-reference settings to the hook, failing closed by default', () => {
    // Act
    const variables = (propertiesOf('FireLensHookFunction')['Environment'] as JsonObject)['Variables'] as JsonObject;

    // Assert
    expect(variables).toMatchObject({
      FIRELENS_ALLOW_TEMPLATE_SUPPRESSIONS: { Ref: 'HookAllowTemplateSuppressions' },
      FIRELENS_FAIL_ON_UNCHECKED: { Ref: 'HookFailOnUnchecked' },
    });
    expect(parameters['HookAllowTemplateSuppressions']).toMatchObject({ Type: 'String', Default: '' });
    expect(parameters['HookFailOnUnchecked']).toMatchObject({ Type: 'String', Default: 'true', AllowedValues: ['true', 'false'] });
  });
});
