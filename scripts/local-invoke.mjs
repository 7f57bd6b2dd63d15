#!/usr/bin/env node
// Does what `sam local invoke FUNCTION -e EVENT` does, without Docker: reads the function's Handler,
// CodeUri, environment and esbuild `Metadata.BuildProperties` from template.yaml, bundles it with
// esbuild the way SAM's esbuild workflow does (--bundle --platform=node plus the BuildProperties),
// loads the bundle, calls the handler with the event and a Lambda-like context, and prints the
// response as JSON on stdout. Everything the function logs goes to stderr, as with sam local invoke.
//
// usage: node scripts/local-invoke.mjs FUNCTION_LOGICAL_ID [-e] EVENT.json [--template template.yaml]
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { SamFunctionError, bundleSamFunction, readSamFunction } from './sam-esbuild.mjs';

const fail = (message, code = 2) => {
  process.stderr.write(`local-invoke: ${message}\n`);
  process.exit(code);
};

const args = process.argv.slice(2);
const templateFlag = args.indexOf('--template');
const templatePath = resolve(templateFlag >= 0 ? args.splice(templateFlag, 2)[1] : 'template.yaml');
const positionals = args.filter((a) => a !== '-e' && a !== '--event');
const [functionId, eventPath] = positionals;
if (!functionId || !eventPath) fail('usage: local-invoke FUNCTION_LOGICAL_ID EVENT.json [--template template.yaml]');

let fn;
try {
  fn = readSamFunction(templatePath, functionId);
} catch (error) {
  if (!(error instanceof SamFunctionError)) throw error;
  fail(error.message);
}
const { globals, resource, props, handlerFile, handlerExport } = fn;
const bundlePath = await bundleSamFunction(fn, resolve(dirname(templatePath), '.local-invoke', functionId));

const literalEnv = (vars) =>
  Object.fromEntries(
    Object.entries(vars ?? {})
      .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
      .map(([k, v]) => [k, String(v)]),
  );
Object.assign(process.env, literalEnv(globals.Environment?.Variables), literalEnv(resource.Properties?.Environment?.Variables), {
  AWS_LAMBDA_FUNCTION_NAME: functionId,
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(props.MemorySize ?? 128),
  AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
});

const event = JSON.parse(readFileSync(resolve(eventPath), 'utf8'));
const timeoutMs = Number(props.Timeout ?? 3) * 1000;
const deadline = Date.now() + timeoutMs;
const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: functionId,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionId}`,
  memoryLimitInMB: String(props.MemorySize ?? 128),
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  logGroupName: `/aws/lambda/${functionId}`,
  logStreamName: '2026/01/01/[$LATEST]local',
  getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

// Logs go to stderr; only the response reaches stdout.
const writeResult = process.stdout.write.bind(process.stdout);
process.stdout.write = process.stderr.write.bind(process.stderr);
const require = createRequire(import.meta.url);
const bundle = require(bundlePath);
const handler = bundle[handlerExport];
if (typeof handler !== 'function') fail(`${handlerFile}.js exports no function "${handlerExport}"`);
try {
  const response = await handler(event, context);
  writeResult(`${JSON.stringify(response, null, 2)}\n`);
} catch (error) {
  process.stderr.write(`${JSON.stringify({ errorType: error?.name ?? 'Error', errorMessage: String(error?.message ?? error) })}\n`);
  process.exit(1);
}
