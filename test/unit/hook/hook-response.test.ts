import middy from '@middy/core';

import { hookResponseMiddleware } from '../../../functions/middleware/hook-response';
import { PayloadFetchError } from '../../../functions/shared/hook/errors';
import type { HookResponse } from '../../../functions/shared/hook/types';
import { lambdaContext } from '../../helpers/lambda-context';

const wrap = (body: () => Promise<HookResponse>, logger = { error: jest.fn() }) =>
  middy<unknown, HookResponse | undefined>({ timeoutEarlyInMillis: 0 }).use(hookResponseMiddleware({ logger })).handler(body);

describe('hookResponseMiddleware', () => {
  it('turns a HookFailureError into FAILED / InternalFailure with its message and the token', async () => {
    // Arrange
    const handler = wrap(() => Promise.reject(new PayloadFetchError('GET https://b.s3.amazonaws.com/k answered HTTP 403')));

    // Act
    const response = await handler({ clientRequestToken: 'tok-1' }, lambdaContext);

    // Assert
    expect(response).toEqual({
      hookStatus: 'FAILED',
      errorCode: 'InternalFailure',
      clientRequestToken: 'tok-1',
      message: 'FireLens hook could not evaluate the request: template payload: GET https://b.s3.amazonaws.com/k answered HTTP 403',
    });
  });

  it('reports an unexpected error generically, with the request id, and logs it', async () => {
    // Arrange
    const logger = { error: jest.fn() };
    const bug = new TypeError('cannot read properties of undefined (secret detail)');
    const handler = wrap(() => Promise.reject(bug), logger);

    // Act
    const response = await handler({ clientRequesttoken: 'tok-2' }, lambdaContext);

    // Assert
    expect(response).toEqual({
      hookStatus: 'FAILED',
      errorCode: 'InternalFailure',
      clientRequestToken: 'tok-2',
      message: `FireLens hook could not evaluate the request: internal error (TypeError); see the function's logs, request id ${lambdaContext.awsRequestId}`,
    });
    expect(logger.error).toHaveBeenCalledWith('FireLens hook could not evaluate the request', bug);
  });

  it('answers with an empty token when the event has none', async () => {
    // Arrange
    const handler = wrap(() => Promise.reject(new Error('x')));

    // Act
    const response = await handler('not an object', lambdaContext);

    // Assert
    expect(response).toMatchObject({ hookStatus: 'FAILED', errorCode: 'InternalFailure', clientRequestToken: '' });
  });

  it('bounds an over-long message in both the error and the success path', async () => {
    // Arrange
    const failing = wrap(() => Promise.reject(new PayloadFetchError('x'.repeat(5_000))));
    const succeeding = wrap(() => Promise.resolve({ hookStatus: 'SUCCESS', clientRequestToken: 't', message: 'y'.repeat(5_000) }));

    // Act
    const failed = await failing({ clientRequestToken: 't' }, lambdaContext);
    const succeeded = await succeeding({ clientRequestToken: 't' }, lambdaContext);

    // Assert
    expect(failed?.message).toHaveLength(1_024);
    expect(succeeded?.message).toHaveLength(1_024);
    expect(succeeded?.message?.endsWith('…')).toBe(true);
  });
});
