import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { HookEventError } from '../../../functions/shared/hook/errors';
import { parseHookEvent } from '../../../functions/shared/hook/parse-event';

const readEvent = (name: string): unknown => JSON.parse(readFileSync(join(__dirname, '../../../events/hook', name), 'utf8')) as unknown;

const resourceEvent = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  clientRequestToken: 'token-1',
  awsAccountId: '123456789012',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1',
  actionInvocationPoint: 'CREATE_PRE_PROVISION',
  requestData: {
    targetName: 'AWS::ECS::TaskDefinition',
    targetType: 'AWS::ECS::TaskDefinition',
    targetLogicalId: 'Task',
    targetModel: { resourceProperties: { Family: 'f' }, previousResourceProperties: {} },
  },
  requestContext: { invocation: 1, callbackContext: null },
  ...overrides,
});

describe('parseHookEvent', () => {
  it('reads a RESOURCE event into a typed resource event', () => {
    // Arrange
    const raw = resourceEvent();

    // Act
    const event = parseHookEvent(raw);

    // Assert
    expect(event).toEqual({
      kind: 'RESOURCE',
      clientRequestToken: 'token-1',
      awsAccountId: '123456789012',
      stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1',
      changeSetId: undefined,
      hookTypeName: undefined,
      action: 'CREATE',
      invocation: 1,
      targetName: 'AWS::ECS::TaskDefinition',
      targetLogicalId: 'Task',
      resourceProperties: { Family: 'f' },
    });
  });

  it('treats targetType RESOURCE as a Cloud Control API call', () => {
    // Arrange
    const raw = resourceEvent({
      stackId: '',
      requestData: {
        targetName: 'AWS::ECS::Service',
        targetType: 'RESOURCE',
        targetLogicalId: 'cc-1',
        targetModel: { resourceProperties: {} },
      },
    });

    // Act
    const event = parseHookEvent(raw);

    // Assert
    expect(event.kind).toBe('CLOUD_CONTROL');
    expect(event.stackId).toBeUndefined();
  });

  it('tolerates the documented clientRequesttoken / stackID spellings and a missing CHANGE_SET action', () => {
    // Arrange
    const raw = readEvent('changeset-compliant.json');

    // Act
    const event = parseHookEvent(raw);

    // Assert
    expect(event).toMatchObject({
      kind: 'CHANGE_SET',
      clientRequestToken: '7a1f0c3e-1111-4a5b-9c2d-000000000006',
      stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/orders-api/8c3e1a70-0b2a-11f0-9f3b-0a1b2c3d4e5f',
      action: 'CREATE',
    });
    expect(event.kind === 'CHANGE_SET' && event.payloadUrl?.startsWith('https://')).toBe(true);
  });

  it('reads a string-typed invocation number', () => {
    // Arrange
    const raw = resourceEvent({ requestContext: { invocation: '2', callbackContext: null } });

    // Act
    const event = parseHookEvent(raw);

    // Assert
    expect(event.invocation).toBe(2);
  });

  it('accepts a delete with no target model', () => {
    // Arrange
    const raw = resourceEvent({
      actionInvocationPoint: 'DELETE_PRE_PROVISION',
      requestData: { targetName: 'AWS::ECS::TaskDefinition', targetLogicalId: 'Task' },
    });

    // Act
    const event = parseHookEvent(raw);

    // Assert
    expect(event).toMatchObject({ kind: 'RESOURCE', action: 'DELETE', resourceProperties: {} });
  });

  it.each([
    ['a non-object event', 'nope', 'the event is not a JSON object'],
    ['no requestData', { clientRequestToken: 't' }, 'requestData is missing or not an object'],
    ['no token', resourceEvent({ clientRequestToken: undefined }), 'clientRequestToken is missing or not a string'],
    ['an unknown action', resourceEvent({ actionInvocationPoint: 'CREATE_POST_PROVISION' }), 'actionInvocationPoint is not one of'],
    [
      'properties that are not an object',
      resourceEvent({ requestData: { targetName: 'AWS::ECS::Service', targetLogicalId: 'S', targetModel: { resourceProperties: [] } } }),
      'requestData.targetModel.resourceProperties is not an object',
    ],
    [
      'a STACK target without payload',
      resourceEvent({ requestData: { targetName: 'STACK', targetType: 'STACK', targetLogicalId: 's' } }),
      'requestData.payload is missing for a STACK target',
    ],
  ])('refuses %s with a clear HookEventError', (_case, raw, expected) => {
    // Arrange
    const parse = (): unknown => parseHookEvent(raw);

    // Act
    const thrown = ((): unknown => {
      try {
        parse();
        return undefined;
      } catch (error) {
        return error;
      }
    })();

    // Assert
    expect(thrown).toBeInstanceOf(HookEventError);
    expect((thrown as Error).message).toContain(`malformed hook event: ${expected}`);
  });
});
