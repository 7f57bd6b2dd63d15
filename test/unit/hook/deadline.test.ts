import { handler } from '../../../functions/hook/handler';
import { HookDeadlineError } from '../../../functions/shared/hook/errors';
import { evaluateHook, type HookConfig } from '../../../functions/shared/hook/evaluate';
import type { HookResponse, ResourceHookEvent } from '../../../functions/shared/hook/types';
import { createLambdaContext } from '../../helpers/lambda-context';

/**
 * The hook's work budget (#11): synchronous work cannot be interrupted by middy's early timeout, so the
 * hook checks its own deadline (remaining time less 1.5 s) inside the stages and before answering.
 */
const config: HookConfig = {
  ignoreRules: [],
  onlyRules: [],
  allowTemplateSuppressions: [],
  failOnUnchecked: true,
  warningsAsErrors: false,
  strictPort24224: false,
  payload: { allowedHosts: ['127.0.0.1'], allowHttp: true, timeoutMs: 2_000, maxBytes: 1_000_000 },
  ecsLookup: { enabled: false, timeoutMs: 2_000 },
  macroName: 'FireLensMacro',
  region: 'us-east-1',
};

const event: ResourceHookEvent = {
  clientRequestToken: 'tok',
  awsAccountId: '123456789012',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1',
  changeSetId: undefined,
  hookTypeName: 'Private::FireLens::Hook',
  action: 'CREATE',
  invocation: 1,
  kind: 'RESOURCE',
  targetName: 'AWS::SNS::Topic',
  targetLogicalId: 'Topic',
  resourceProperties: { TopicName: 'orders' },
};

const rawResourceEvent = {
  clientRequestToken: 'tok',
  awsAccountId: '123456789012',
  stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/s/1',
  hookTypeName: 'Private::FireLens::Hook',
  actionInvocationPoint: 'CREATE_PRE_PROVISION',
  requestData: {
    targetName: 'AWS::SNS::Topic',
    targetType: 'AWS::SNS::Topic',
    targetLogicalId: 'Topic',
    targetModel: { resourceProperties: {} },
  },
  requestContext: { invocation: 1 },
};

describe('the hook work budget', () => {
  it('answers FAILED instead of a late SUCCESS when the deadline passes before it answers', async () => {
    // Arrange: a compliant resource; the budget runs out after the rules, before the answer.
    const deadline = (stage: string): void => {
      if (stage === 'report') {
        throw new HookDeadlineError(stage);
      }
    };

    // Act
    const evaluation = evaluateHook(event, config, { deadline });

    // Assert
    await expect(evaluation).rejects.toThrow(
      "it ran out of time before answering (its work budget is the Lambda's remaining time less a margin)",
    );
  });

  it.each(['load', 'expand', 'rules'])('stops at %s when the deadline has passed there', async (stop) => {
    // Arrange
    const seen: string[] = [];
    const deadline = (stage: string): void => {
      seen.push(stage);
      if (stage === stop) {
        throw new HookDeadlineError(stage);
      }
    };

    // Act
    const evaluation = evaluateHook(event, config, { deadline });

    // Assert
    await expect(evaluation).rejects.toBeInstanceOf(HookDeadlineError);
    expect(seen.at(-1)).toBe(stop);
  });

  it('answers FAILED / InternalFailure through the handler when less than the margin remains', async () => {
    // Arrange: 1.4 s left is past the 1.5 s margin at once; middy's own early timeout (1 s) is 0.4 s away.
    const context = createLambdaContext({ getRemainingTimeInMillis: () => 1_400 });
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);

    // Act
    const response = (await handler(rawResourceEvent, context).finally(() => {
      write.mockRestore();
    })) as HookResponse;

    // Assert
    expect(response).toMatchObject({
      hookStatus: 'FAILED',
      errorCode: 'InternalFailure',
      clientRequestToken: 'tok',
      message:
        "FireLens hook could not evaluate the request: it ran out of time while reading the template (its work budget is the Lambda's remaining time less a margin)",
    });
  });

  it('answers as before with the usual remaining time', async () => {
    // Arrange
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);

    // Act
    const response = (await handler(rawResourceEvent, createLambdaContext()).finally(() => {
      write.mockRestore();
    })) as HookResponse;

    // Assert
    expect(response.hookStatus).toBe('SUCCESS');
  });
});
