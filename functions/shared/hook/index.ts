export { parseHookEvent } from './parse-event';
export { usesMacro } from '../firelens/index';
export { evaluateHook, resourceTemplate } from './evaluate';
export type { ExpandTemplate, HookConfig, HookDependencies, HookEvaluation } from './evaluate';
export { ecsTaskDefinitionLookup } from './ecs-lookup';
export { DEFAULT_PAYLOAD_URL_POLICY, S3_HOSTS_TOKEN, checkPayloadUrl, describeUrl } from './payload-url';
export { HookConfigError, HookEventError, HookFailureError, PayloadFetchError, TaskDefinitionLookupError } from './errors';
export { MESSAGE_LIMIT, boundMessage, cutText } from './report';
export type { HookEvent, HookResponse } from './types';
