import { resourceCovers } from '../../../functions/shared/rules/iam-coverage';
import type { Json } from '../../../functions/shared/template/intrinsics';

const STREAM = { 'Fn::Sub': 'arn:${AWS::Partition}:firehose:us-east-1:${AWS::AccountId}:deliverystream/my-stream' };

describe('resourceCovers', () => {
  it.each<[string, Json, Json, string]>([
    ['a bare *', '*', STREAM, 'granted'],
    ['the same Sub text', { 'Fn::Sub': STREAM['Fn::Sub'] }, STREAM, 'granted'],
    ['wildcards over the stack tokens', 'arn:aws:firehose:*:*:deliverystream/*', STREAM, 'granted'],
    ['another stream', 'arn:aws:firehose:*:*:deliverystream/other-stream', STREAM, 'missing'],
    ['another service', 'arn:aws:kinesis:*:*:stream/my-stream', STREAM, 'missing'],
    [
      'a literal account the stack may or may not have',
      'arn:aws:firehose:us-east-1:123456789012:deliverystream/my-stream',
      STREAM,
      'unknown',
    ],
    ['the same template resource', { 'Fn::GetAtt': ['Stream', 'Arn'] }, { 'Fn::GetAtt': ['Stream', 'Arn'] }, 'granted'],
    ['two different template resources', { 'Fn::GetAtt': ['Other', 'Arn'] }, { 'Fn::GetAtt': ['Stream', 'Arn'] }, 'missing'],
    ['a role resource from an import', { 'Fn::ImportValue': 'StreamArn' }, STREAM, 'unknown'],
    [
      'a narrower log-stream prefix than the plugin may use',
      'arn:aws:logs:*:*:log-group:/app:log-stream:app-*',
      'arn:aws:logs:us-east-1:1:log-group:/app:log-stream:*',
      'unknown',
    ],
    [
      'another log group than a wildcard need',
      'arn:aws:logs:*:*:log-group:/other:*',
      'arn:aws:logs:us-east-1:1:log-group:/app:log-stream:*',
      'missing',
    ],
  ])('%s', (_why, role, needed, expected) => {
    // Act
    const coverage = resourceCovers(role, needed);

    // Assert
    expect(coverage).toBe(expected);
  });
});
