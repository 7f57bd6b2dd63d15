import type { Context } from 'aws-lambda';

/**
 * One fake Lambda context for handler tests, after Powertools' `@aws-lambda-powertools/testing-utils`
 * context: fixed, recognisable values and a generous remaining time.
 */
export const lambdaContext: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'firelens-test-function',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:firelens-test-function',
  memoryLimitInMB: '256',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: '/aws/lambda/firelens-test-function',
  logStreamName: '2026/01/01/[$LATEST]abcdef123456abcdef123456abcdef12',
  getRemainingTimeInMillis: () => 30_000,
  // The Context type still requires the callback-era members, deprecated as they are: the fake must provide them.
  /* eslint-disable @typescript-eslint/no-deprecated */
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
  /* eslint-enable @typescript-eslint/no-deprecated */
};

/** The fake context with some fields replaced (another request id, less remaining time, …). */
export const createLambdaContext = (overrides: Partial<Context> = {}): Context => ({ ...lambdaContext, ...overrides });
