import { isObject, type JsonObject } from '../template/intrinsics';

/** The part of a CloudFormation macro event the expansion reads (template-macros docs). */
export interface MacroEvent {
  readonly requestId: string;
  readonly region: string;
  readonly accountId: string;
  readonly transformId: string;
  readonly fragment: JsonObject;
  readonly params: JsonObject;
  readonly templateParameterValues: JsonObject;
}

/** Validates the event once, at the boundary; lists every missing or mistyped field. */
export const parseMacroEvent = (event: unknown): { event: MacroEvent } | { errors: string[] } => {
  if (!isObject(event)) {
    return { errors: ['the event is not a JSON object'] };
  }
  const errors: string[] = [];
  const text = (key: string, required: boolean): string => {
    const value = event[key];
    if (typeof value === 'string') {
      return value;
    }
    if (required || value !== undefined) {
      errors.push(`event.${key} must be a string`);
    }
    return '';
  };
  const object = (key: string, required: boolean): JsonObject => {
    const value = event[key];
    if (isObject(value)) {
      return value;
    }
    if (required || (value !== undefined && value !== null)) {
      errors.push(`event.${key} must be an object`);
    }
    return {};
  };
  const parsed: MacroEvent = {
    requestId: text('requestId', true),
    region: text('region', false),
    accountId: text('accountId', false),
    transformId: text('transformId', false),
    fragment: object('fragment', true),
    params: object('params', false),
    templateParameterValues: object('templateParameterValues', false),
  };
  return errors.length > 0 ? { errors } : { event: parsed };
};
