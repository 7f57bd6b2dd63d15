import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

import { expandTemplate } from '../../functions/shared/firelens';
import { refusal, runPipeline } from '../../functions/shared/pipeline';
import { isObject, type Json, type JsonObject } from '../../functions/shared/template/intrinsics';
import { loadTemplate } from '../../functions/shared/template/load';
import {
  expandTemplateFile,
  GOLDEN_DIR,
  goldenCases,
  goldenErrorCases,
  loadTemplateFile,
  problemLines,
  readFixture,
  REPO_ROOT,
} from '../helpers/fixtures';

/**
 * Golden files for the macro (SAM's and cfn-lint's pattern): every `test/fixtures/macro/<case>/input.yaml`
 * expands to its committed `expected.json`, and every `errors/<case>.yaml` is refused with the exact
 * text in `<case>.expected.txt`. `npm run test:golden:update` (UPDATE_GOLDEN=1) rewrites the expected
 * files from the current code; review the diff before committing it.
 */
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

const readOrUpdate = (path: string, actual: string): string => {
  if (UPDATE) {
    writeFileSync(path, actual);
  }
  if (!existsSync(path)) {
    throw new Error(`${relative(REPO_ROOT, path)} is missing; run \`npm run test:golden:update\` and review the new file`);
  }
  return readFileSync(path, 'utf8');
};

const expanded = (caseName: string): JsonObject => {
  const result = expandTemplateFile(`${GOLDEN_DIR}/${caseName}/input.yaml`);
  if (!result.ok) {
    throw new Error(`golden case ${caseName} was refused: ${problemLines(result.problems)}`);
  }
  return result.fragment;
};

const resourcesOf = (template: JsonObject): JsonObject => {
  const resources = template['Resources'];
  if (!isObject(resources)) {
    throw new Error('the template has no Resources');
  }
  return resources;
};

const resourceOf = (template: JsonObject, logicalId: string): JsonObject => {
  const resource = resourcesOf(template)[logicalId];
  if (!isObject(resource)) {
    throw new Error(`no resource ${logicalId}`);
  }
  return resource;
};

const containersOf = (template: JsonObject, taskId: string): JsonObject[] => {
  const properties = resourceOf(template, taskId)['Properties'];
  const containers = isObject(properties) ? properties['ContainerDefinitions'] : undefined;
  if (!Array.isArray(containers)) {
    throw new Error(`${taskId} has no ContainerDefinitions`);
  }
  return containers.filter(isObject);
};

const container = (template: JsonObject, taskId: string, name: string): JsonObject => {
  const found = containersOf(template, taskId).find((c) => c['Name'] === name);
  if (found === undefined) {
    throw new Error(`${taskId} has no container ${name}`);
  }
  return found;
};

const routerOf = (template: JsonObject, taskId: string): JsonObject => {
  const routers = containersOf(template, taskId).filter((c) => c['FirelensConfiguration'] !== undefined);
  if (routers.length !== 1) {
    throw new Error(`${taskId} has ${String(routers.length)} log routers`);
  }
  return routers[0] as JsonObject;
};

/** Every path at which an object has a `FireLens` key. */
const fireLensKeyPaths = (value: Json, path: string): string[] => {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => fireLensKeyPaths(item, `${path}[${String(i)}]`));
  }
  if (isObject(value)) {
    return Object.entries(value).flatMap(([key, child]) => [
      ...(key === 'FireLens' ? [`${path}.${key}`] : []),
      ...fireLensKeyPaths(child, `${path}.${key}`),
    ]);
  }
  return [];
};

describe('FireLensMacro golden files', () => {
  describe.each(goldenCases().map((c) => [c.name, c] as const))('%s', (_name, goldenCase) => {
    it('expands input.yaml to expected.json', () => {
      // Arrange
      const template = loadTemplateFile(goldenCase.inputPath);

      // Act
      const result = expandTemplate(template);

      // Assert
      if (!result.ok) {
        throw new Error(`expected a successful expansion, got:\n${problemLines(result.problems)}`);
      }
      const expected = JSON.parse(readOrUpdate(goldenCase.expectedPath, `${JSON.stringify(result.fragment, null, 2)}\n`)) as unknown;
      expect(result.fragment).toEqual(expected);
    });
  });

  describe.each(goldenErrorCases().map((c) => [c.name, c] as const))('errors/%s', (_name, errorCase) => {
    it('is refused with the problems in its .expected.txt', () => {
      // Arrange
      const template = loadTemplateFile(errorCase.inputPath);

      // Act
      const result = expandTemplate(template);

      // Assert
      if (result.ok) {
        throw new Error('expected the expansion to be refused, but it succeeded');
      }
      const actual = problemLines(result.problems);
      expect(actual).toBe(readOrUpdate(errorCase.expectedPath, actual));
    });
  });
});

describe('FireLensMacro expansion (focused assertions)', () => {
  it('adds exactly one log router, and it is essential', () => {
    // Arrange / Act
    const template = expanded('fargate-cloudwatch-created-log-group');

    // Assert
    const router = routerOf(template, 'WebTask');
    expect(router['Name']).toBe('log_router');
    expect(router['Essential']).toBe(true);
    expect(router['FirelensConfiguration']).toEqual({ Type: 'fluentbit', Options: { 'enable-ecs-log-metadata': 'true' } });
  });

  it('reuses a log router the task already has instead of adding a second one', () => {
    // Arrange / Act
    const template = expanded('existing-router-reused');

    // Assert
    expect(routerOf(template, 'ApiTask')['Name']).toBe('fluent-bit');
    expect(container(template, 'ApiTask', 'api')['DependsOn']).toEqual([{ ContainerName: 'fluent-bit', Condition: 'START' }]);
  });

  it('pins the default router image to an exact AWS for Fluent Bit version through its SSM parameter', () => {
    // Arrange / Act
    const template = expanded('fargate-cloudwatch-created-log-group');

    // Assert
    expect(routerOf(template, 'WebTask')['Image']).toMatch(/^\{\{resolve:ssm:\/aws\/service\/aws-for-fluent-bit\/\d+\.\d+\.\d+[\d.]*\}\}$/);
  });

  it('sends every application container to awsfirelens with the plugin options of its destination', () => {
    // Arrange / Act
    const template = expanded('fargate-cloudwatch-created-log-group');

    // Assert
    expect(container(template, 'WebTask', 'web')['LogConfiguration']).toEqual({
      LogDriver: 'awsfirelens',
      Options: {
        Name: 'cloudwatch_logs',
        region: { Ref: 'AWS::Region' },
        log_group_name: { Ref: 'WebTaskFireLensLogGroup' },
        log_stream_prefix: 'web/',
      },
    });
  });

  it('creates the destination log group with the retention asked for, and no auto_create_group', () => {
    // Arrange / Act
    const template = expanded('fargate-cloudwatch-created-log-group');

    // Assert
    expect(resourceOf(template, 'WebTaskFireLensLogGroup')).toEqual({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 14 } });
    expect(JSON.stringify(template)).not.toContain('auto_create_group');
  });

  it('makes application containers wait for the router to START', () => {
    // Arrange / Act
    const template = expanded('ec2-bridge-firehose-template-stream');

    // Assert
    expect(container(template, 'ApiTask', 'api')['DependsOn']).toEqual([{ ContainerName: 'log_router', Condition: 'START' }]);
  });

  it('makes application containers wait for a HEALTHY router when the router has a health check', () => {
    // Arrange / Act
    const template = expanded('router-options');

    // Assert
    expect(routerOf(template, 'BatchTask')['HealthCheck']).toBeDefined();
    expect(container(template, 'BatchTask', 'batch')['DependsOn']).toEqual([{ ContainerName: 'fluentbit', Condition: 'HEALTHY' }]);
  });

  it("keeps a container's own DependsOn and adds the router after it", () => {
    // Arrange / Act
    const template = expanded('container-override-and-opt-out');

    // Assert
    expect(container(template, 'ShopTask', 'app')['DependsOn']).toEqual([
      { ContainerName: 'proxy', Condition: 'START' },
      { ContainerName: 'log_router', Condition: 'START' },
    ]);
  });

  it('passes the buffer limit to each routed container as a string option, in log lines', () => {
    // Arrange / Act
    const template = expanded('container-override-and-opt-out');

    // Assert
    const options = (name: string): Json | undefined => {
      const logConfiguration = container(template, 'ShopTask', name)['LogConfiguration'];
      return isObject(logConfiguration) && isObject(logConfiguration['Options'])
        ? logConfiguration['Options']['log-driver-buffer-limit']
        : undefined;
    };
    expect(options('app')).toBe('65536');
    // BufferMemory: 64 (MiB) at the default 2048 bytes a line.
    expect(options('audit')).toBe('32768');
  });

  it('leaves an opted-out container and one with its own LogConfiguration alone', () => {
    // Arrange
    const input = loadTemplateFile(`${GOLDEN_DIR}/container-override-and-opt-out/input.yaml`);
    const proxyBefore = (((input['Resources'] as JsonObject)['ShopTask'] as JsonObject)['Properties'] as JsonObject)[
      'ContainerDefinitions'
    ] as JsonObject[];

    // Act
    const template = expanded('container-override-and-opt-out');

    // Assert
    const debug = container(template, 'ShopTask', 'debug');
    expect(debug['LogConfiguration']).toBeUndefined();
    expect(debug['DependsOn']).toBeUndefined();
    expect(container(template, 'ShopTask', 'proxy')).toEqual(proxyBefore[3]);
  });

  it('gives the router a StopTimeout long enough to flush', () => {
    // Arrange / Act
    const template = expanded('fargate-cloudwatch-created-log-group');

    // Assert
    expect(routerOf(template, 'WebTask')['StopTimeout']).toBeGreaterThanOrEqual(30);
  });

  it('attaches a policy to a task role of the same template and makes the task wait for it', () => {
    // Arrange / Act
    const template = expanded('task-role-in-template');

    // Assert
    const task = resourceOf(template, 'AppTask');
    expect((task['Properties'] as JsonObject)['TaskRoleArn']).toEqual({ 'Fn::GetAtt': ['AppTaskRole', 'Arn'] });
    expect(task['DependsOn']).toEqual(['AppTaskFireLensTaskPolicy']);
    const policy = resourceOf(template, 'AppTaskFireLensTaskPolicy');
    expect(policy['Type']).toBe('AWS::IAM::Policy');
    expect((policy['Properties'] as JsonObject)['Roles']).toEqual([{ Ref: 'AppTaskRole' }]);
    expect(resourcesOf(template)['AppTaskFireLensTaskRole']).toBeUndefined();
  });

  it('grants firehose:PutRecordBatch on a delivery stream of the same template by its GetAtt Arn', () => {
    // Arrange / Act
    const template = expanded('ec2-bridge-firehose-template-stream');

    // Assert
    const role = resourceOf(template, 'ApiTaskFireLensTaskRole');
    expect(JSON.stringify(role)).toContain(
      JSON.stringify({ Effect: 'Allow', Action: ['firehose:PutRecordBatch'], Resource: [{ 'Fn::GetAtt': ['LogStream', 'Arn'] }] }),
    );
  });

  it('switches to the init image on Fargate for an S3 config file and grants the task role the S3 read', () => {
    // Arrange / Act
    const template = expanded('fargate-s3-config-init-image');

    // Assert
    const router = routerOf(template, 'EdgeTask');
    expect(router['Image']).toMatch(/^\{\{resolve:ssm:\/aws\/service\/aws-for-fluent-bit\/init-[\d.]+\}\}$/);
    expect(router['Environment']).toEqual([
      { Name: 'aws_fluent_bit_init_s3_1', Value: 'arn:aws:s3:::acme-logging-config/fluent-bit/extra.conf' },
    ]);
    expect(JSON.stringify((router['FirelensConfiguration'] as JsonObject)['Options'])).not.toContain('config-file-type');
    const taskRole = JSON.stringify(resourceOf(template, 'EdgeTaskFireLensTaskRole'));
    expect(taskRole).toContain(
      JSON.stringify({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::acme-logging-config/fluent-bit/extra.conf'] }),
    );
    expect(taskRole).toContain(
      JSON.stringify({ Effect: 'Allow', Action: ['s3:GetBucketLocation'], Resource: ['arn:aws:s3:::acme-logging-config'] }),
    );
  });

  it("gives every generated resource the task's Condition", () => {
    // Arrange
    const input = loadTemplateFile(`${GOLDEN_DIR}/task-condition/input.yaml`);
    const before = new Set(Object.keys(resourcesOf(input)));

    // Act
    const template = expanded('task-condition');

    // Assert
    const generated = Object.entries(resourcesOf(template)).filter(([id]) => !before.has(id));
    expect(generated.length).toBeGreaterThan(0);
    for (const [, resource] of generated) {
      expect(resource).toMatchObject({ Condition: 'IsProd' });
    }
  });

  it('keeps other transforms of the template listed', () => {
    // Arrange / Act
    const template = expanded('serverless-transform-kept');

    // Assert
    expect(template['Transform']).toBe('AWS::Serverless-2016-10-31');
  });

  it('passes intrinsic functions through unchanged', () => {
    // Arrange / Act
    const template = expanded('intrinsics-pass-through');

    // Assert
    const properties = resourceOf(template, 'AppTask')['Properties'] as JsonObject;
    expect(properties['Memory']).toEqual({ 'Fn::If': ['IsProd', '2048', '512'] });
    expect((container(template, 'AppTask', 'app')['LogConfiguration'] as JsonObject)['Options']).toMatchObject({
      log_group_name: { 'Fn::Sub': '/ecs/${AWS::StackName}/app' },
      log_stream_prefix: { 'Fn::If': ['IsProd', 'prod/', 'dev/'] },
      'log-driver-buffer-limit': { 'Fn::If': ['IsProd', 262144, 65536] },
    });
  });

  it.each(goldenCases().map((c) => c.name))('leaves no FireLens key anywhere in %s', (caseName) => {
    // Arrange / Act
    const template = expanded(caseName);

    // Assert
    expect(fireLensKeyPaths(template, '')).toEqual([]);
  });

  it.each(goldenCases().map((c) => [c.name, c.inputPath] as const))('passes the rules without an error finding: %s', (_name, inputPath) => {
    // Arrange
    const template = loadTemplateFile(inputPath);

    // Act: the macro's pipeline (expand, then every rule on the output), as the deployed macro runs it.
    const result = runPipeline({ template }, { expand: 'if-transform' });

    // Assert
    expect(result.prepared.stage).toBe('expanded');
    expect(refusal(result)).toEqual([]);
  });

  it('passes Router.Essential: false through, and rule FL1007 warns about it instead of refusing', () => {
    // Arrange
    const template = loadTemplateFile(`${GOLDEN_DIR}/router-settings/input.yaml`);

    // Act
    const result = runPipeline({ template }, { expand: 'if-transform' });

    // Assert
    expect(result.findings.map((f) => [f.ruleId, f.severity])).toEqual([['FL1007', 'warning']]);
    expect(result.prepared.stage === 'expanded' && routerOf(result.prepared.output, 'MeshTask')['Essential']).toBe(false);
  });

  it('loads several config files through the init image, the S3 objects read by the task role only', () => {
    // Arrange / Act
    const template = expanded('router-config-files');

    // Assert
    const router = routerOf(template, 'OrdersTask');
    expect(router['Image']).toBe('{{resolve:ssm:/aws/service/aws-for-fluent-bit/init-2.34.3.20260623}}');
    expect(router['StopTimeout']).toBe(35);
    const names = (router['Environment'] as JsonObject[]).map((v) => v['Name']);
    expect(names).toEqual([
      'FLB_LOG_LEVEL',
      'aws_fluent_bit_init_file_1',
      'aws_fluent_bit_init_file_2',
      'aws_fluent_bit_init_file_3',
      'aws_fluent_bit_init_file_4',
      'aws_fluent_bit_init_s3_1',
      'aws_fluent_bit_init_s3_2',
      'aws_fluent_bit_init_s3_3',
    ]);
    const policyText = (id: string): string => JSON.stringify(resourceOf(template, id)['Properties']);
    expect(policyText('OrdersTaskFireLensTaskRole')).toContain(
      '"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::acme-logging-config/fluent-bit/filters.conf"]',
    );
    expect(policyText('OrdersTaskFireLensExecutionRole')).not.toContain('s3:');
  });

  it('returns a template without any FireLens property deep-equal to the input', () => {
    // Arrange
    const template = loadTemplate(readFixture('macro-events/no-firelens.yaml')).template;
    const copy = structuredClone(template);

    // Act
    const result = expandTemplate(template);

    // Assert
    expect(result.ok).toBe(true);
    expect(result.ok && result.fragment).toEqual(copy);
  });

  it('does not change the template it is given', () => {
    // Arrange
    const template = loadTemplateFile(`${GOLDEN_DIR}/container-override-and-opt-out/input.yaml`);
    const copy = structuredClone(template);

    // Act
    expandTemplate(template);

    // Assert
    expect(template).toEqual(copy);
  });
});
