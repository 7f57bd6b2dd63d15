import { configDelivery, flushSecondsNeeded, initVariables } from '../../../../functions/shared/firelens/derive/router-config';
import { normalizeFireLens } from '../../../../functions/shared/firelens/normalize';
import type { RouterSpec } from '../../../../functions/shared/firelens/types';

const PATH = ['Resources', 'Task', 'Properties', 'FireLens'];

/** The router spec normalize makes of a `FireLens.Router`; fails the test on a problem. */
const routerOf = (router: Record<string, unknown>): RouterSpec => {
  const { spec, problems } = normalizeFireLens({
    logicalId: 'Task',
    path: PATH,
    raw: { Router: router, Destination: { CloudWatchLogs: {} } },
    containerOverrides: new Map(),
  });
  if (spec === undefined) {
    throw new Error(problems.map((p) => p.message).join('; '));
  }
  return spec.router;
};

describe('configDelivery', () => {
  it('passes one file through FirelensConfiguration, whichever of ConfigFile, a preset or the health check it is', () => {
    // Act
    const kinds = [{ ConfigFile: '/extra.conf' }, { Presets: ['parse-json'] }, { HealthCheck: true }].map(
      (router) => configDelivery(routerOf(router), true).kind,
    );

    // Assert
    expect(kinds).toEqual(['options', 'options', 'options']);
  });

  it('uses the init image for ConfigFiles even with one file, for several files, and for S3 on Fargate only', () => {
    // Act
    const listed = configDelivery(routerOf({ ConfigFiles: ['/extra.conf'] }), false);
    const several = configDelivery(routerOf({ ConfigFile: '/extra.conf', HealthCheck: true }), false);
    const s3OnFargate = configDelivery(routerOf({ ConfigFile: 'arn:aws:s3:::b/k.conf' }), true);
    const s3OnEc2 = configDelivery(routerOf({ ConfigFile: 'arn:aws:s3:::b/k.conf' }), false);

    // Assert
    expect([listed.kind, several.kind, s3OnFargate.kind, s3OnEc2.kind]).toEqual(['init', 'init', 'init', 'options']);
    expect(several.kind === 'init' && several.cause).toEqual({
      key: 'HealthCheck',
      why: 'the router has several config files (HealthCheck, ConfigFile)',
    });
  });

  it('has nothing to deliver without config files', () => {
    // Act / Assert
    expect(configDelivery(routerOf({}), true)).toEqual({ kind: 'none' });
  });
});

describe('ConfigFiles types', () => {
  it('infers S3 and file from literals and from the text of an Fn::Sub, and takes ConfigFilesType for a Ref', () => {
    // Act
    const router = routerOf({
      ConfigFiles: [
        'arn:aws-cn:s3:::b/k.conf',
        { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/k.conf' },
        { 'Fn::Sub': ['/etc/${Name}.conf', { Name: 'x' }] },
        { Ref: 'ExtraConfig' },
      ],
      ConfigFilesType: 'file',
    });

    // Assert
    expect(router.configFiles.map((f) => [f.type, f.source])).toEqual([
      ['s3', ['ConfigFiles', 0]],
      ['s3', ['ConfigFiles', 1]],
      ['file', ['ConfigFiles', 2]],
      ['file', ['ConfigFiles', 3]],
    ]);
  });

  it('refuses an item whose type shows nowhere, and a preset listed twice', () => {
    // Act
    const { problems } = normalizeFireLens({
      logicalId: 'Task',
      path: PATH,
      raw: {
        Router: { ConfigFiles: ['/a.conf', { Ref: 'ExtraConfig' }, 'extra.conf'], Presets: ['parse-json', 'parse-json'] },
        Destination: { CloudWatchLogs: {} },
      },
      containerOverrides: new Map(),
    });

    // Assert
    expect(problems.map((p) => [p.path.slice(PATH.length).join('.'), p.message])).toEqual([
      ['Router.ConfigFiles.1', 'is an intrinsic function, so its type cannot be inferred: set ConfigFilesType to file or s3'],
      ['Router.ConfigFiles.2', 'must be an absolute path in the router image (/…) or an S3 object ARN (arn:aws:s3:::bucket/key)'],
      ['Router.Presets.1', 'lists parse-json a second time'],
    ]);
  });
});

describe('ConfigFiles under a condition', () => {
  it('types an Fn::If by its branches, and refuses one that leaves the file out with AWS::NoValue or mixes types without ConfigFilesType', () => {
    // Act
    const { spec, problems } = normalizeFireLens({
      logicalId: 'Task',
      path: PATH,
      raw: {
        Router: {
          ConfigFiles: [
            { 'Fn::If': ['IsProd', 'arn:aws:s3:::prod/k.conf', 'arn:aws:s3:::dev/k.conf'] },
            { 'Fn::If': ['IsProd', '/prod.conf', { Ref: 'AWS::NoValue' }] },
            { 'Fn::If': ['IsProd', '/prod.conf', 'arn:aws:s3:::dev/k.conf'] },
          ],
        },
        Destination: { CloudWatchLogs: {} },
      },
      containerOverrides: new Map(),
    });

    // Assert
    expect(spec).toBeUndefined();
    expect(problems.map((p) => [p.path.slice(PATH.length).join('.'), p.message])).toEqual([
      [
        'Router.ConfigFiles.1',
        'cannot leave the file out with AWS::NoValue: the router would get a config variable without a value; list the file only where it applies',
      ],
      ['Router.ConfigFiles.2', 'is an intrinsic function, so its type cannot be inferred: set ConfigFilesType to file or s3'],
    ]);
  });

  it('takes an Fn::If whose branches are both S3 objects as s3', () => {
    // Act
    const router = routerOf({ ConfigFiles: [{ 'Fn::If': ['IsProd', 'arn:aws:s3:::prod/k.conf', 'arn:aws:s3:::dev/k.conf'] }] });

    // Assert
    expect(router.configFiles.map((f) => f.type)).toEqual(['s3']);
  });
});

describe('initVariables', () => {
  it('numbers files in the image and S3 objects separately, from 1, in list order', () => {
    // Act
    const variables = initVariables(routerOf({ ConfigFiles: ['/a.conf', 'arn:aws:s3:::b/k.conf', '/c.conf'] }).configFiles);

    // Assert
    expect(variables).toEqual([
      { Name: 'aws_fluent_bit_init_file_1', Value: '/a.conf' },
      { Name: 'aws_fluent_bit_init_s3_1', Value: 'arn:aws:s3:::b/k.conf' },
      { Name: 'aws_fluent_bit_init_file_2', Value: '/c.conf' },
    ]);
  });
});

describe('flushSecondsNeeded', () => {
  it('is the Grace of the presets or the health-check config plus 5 s, and nothing for your own files', () => {
    // Act
    const preset = flushSecondsNeeded(routerOf({ Presets: ['minimize-log-loss'] }));
    const healthCheck = flushSecondsNeeded(routerOf({ HealthCheck: { Retries: 5 } }));
    const ownFile = flushSecondsNeeded(routerOf({ ConfigFile: '/extra.conf' }));

    // Assert
    expect(preset).toEqual({ seconds: 35, source: ['Presets', 0] });
    expect(healthCheck).toEqual({ seconds: 35, source: ['HealthCheck'] });
    expect(ownFile).toBeUndefined();
  });
});
