import { isObject, type JsonObject } from '../template/intrinsics';
import { HookEventError } from './errors';
import type { HookAction, HookEvent, HookTargetKind } from './types';

/**
 * The one validation at the boundary: `unknown` in, a typed {@link HookEvent} out, or a
 * {@link HookEventError} that says which field is wrong. It tolerates the documented quirks of the
 * contract: `clientRequesttoken` / `stackID` spellings, a CHANGE_SET event without
 * `actionInvocationPoint`, a string-typed `invocation`, and a delete with no properties.
 */
export const parseHookEvent = (raw: unknown): HookEvent => {
  if (!isObject(raw)) {
    throw new HookEventError('the event is not a JSON object');
  }
  const requestData = raw['requestData'];
  if (!isObject(requestData)) {
    throw new HookEventError('requestData is missing or not an object');
  }
  const clientRequestToken = firstString(raw, ['clientRequestToken', 'clientRequesttoken']);
  if (clientRequestToken === undefined) {
    throw new HookEventError('clientRequestToken is missing or not a string');
  }
  const targetName = requiredString(requestData, 'targetName', 'requestData.targetName');
  const targetType = optionalString(requestData, 'targetType', 'requestData.targetType');
  const kind = targetKind(targetName, targetType);
  const base = {
    clientRequestToken,
    awsAccountId: optionalString(raw, 'awsAccountId', 'awsAccountId'),
    stackId: nonEmpty(firstString(raw, ['stackId', 'stackID'])),
    changeSetId: nonEmpty(firstString(raw, ['changeSetId'])),
    hookTypeName: optionalString(raw, 'hookTypeName', 'hookTypeName'),
    action: actionOf(raw['actionInvocationPoint'], kind),
    invocation: invocationOf(raw['requestContext']),
    targetName,
    targetLogicalId: requiredString(requestData, 'targetLogicalId', 'requestData.targetLogicalId'),
  };
  if (kind === 'STACK' || kind === 'CHANGE_SET') {
    const payload = requestData['payload'];
    if (payload !== undefined && payload !== null && typeof payload !== 'string') {
      throw new HookEventError('requestData.payload is not a string');
    }
    const payloadUrl = nonEmpty(payload ?? undefined);
    if (payloadUrl === undefined && base.action !== 'DELETE') {
      throw new HookEventError(`requestData.payload is missing for a ${kind} target`);
    }
    return { ...base, kind, payloadUrl };
  }
  return { ...base, kind, resourceProperties: resourcePropertiesOf(requestData['targetModel'], base.action) };
};

const TEMPLATE_TARGETS = new Set(['STACK', 'CHANGE_SET']);

const targetKind = (targetName: string, targetType: string | undefined): HookTargetKind => {
  const type = targetType ?? targetName;
  if (TEMPLATE_TARGETS.has(type)) {
    return type as 'STACK' | 'CHANGE_SET';
  }
  if (TEMPLATE_TARGETS.has(targetName)) {
    return targetName as 'STACK' | 'CHANGE_SET';
  }
  // Cloud Control API callers send targetType "RESOURCE" and the type name in targetName.
  return type === 'RESOURCE' ? 'CLOUD_CONTROL' : 'RESOURCE';
};

const ACTION_POINT = /^(CREATE|UPDATE|DELETE)_PRE_PROVISION$/;

const actionOf = (value: unknown, kind: HookTargetKind): HookAction | undefined => {
  if (value === undefined || value === null || value === '') {
    // The CHANGE_SET syntax block omits the field; change-set hooks only run on CREATE.
    return kind === 'CHANGE_SET' ? 'CREATE' : undefined;
  }
  const match = typeof value === 'string' ? ACTION_POINT.exec(value) : null;
  if (!match?.[1]) {
    throw new HookEventError('actionInvocationPoint is not one of CREATE_/UPDATE_/DELETE_PRE_PROVISION');
  }
  return match[1] as HookAction;
};

const invocationOf = (requestContext: unknown): number | undefined => {
  if (!isObject(requestContext)) {
    return undefined;
  }
  const value = requestContext['invocation'];
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value;
  }
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    return Number.parseInt(value, 10);
  }
  return undefined;
};

const resourcePropertiesOf = (targetModel: unknown, action: HookAction | undefined): JsonObject => {
  if (targetModel === undefined || targetModel === null) {
    if (action === 'DELETE') {
      return {};
    }
    throw new HookEventError('requestData.targetModel is missing');
  }
  if (!isObject(targetModel)) {
    throw new HookEventError('requestData.targetModel is not an object');
  }
  const properties = targetModel['resourceProperties'];
  if (properties === undefined || properties === null) {
    return {};
  }
  if (!isObject(properties)) {
    throw new HookEventError('requestData.targetModel.resourceProperties is not an object');
  }
  return properties;
};

const firstString = (object: JsonObject, keys: readonly string[]): string | undefined => {
  for (const key of keys) {
    const value = object[key];
    if (typeof value === 'string') {
      return value;
    }
  }
  return undefined;
};

const requiredString = (object: JsonObject, key: string, label: string): string => {
  const value = object[key];
  if (typeof value !== 'string' || value === '') {
    throw new HookEventError(`${label} is missing or not a non-empty string`);
  }
  return value;
};

const optionalString = (object: JsonObject, key: string, label: string): string | undefined => {
  const value = object[key];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new HookEventError(`${label} is not a string`);
  }
  return value;
};

const nonEmpty = (value: string | undefined): string | undefined => (value === '' ? undefined : value);
