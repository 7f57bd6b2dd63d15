import { getAttTarget, isIntrinsic, isObject, type Json, refTarget } from '../template/intrinsics';

/**
 * A template value as text for the generated configuration. Literals print as ECS passes them to the
 * agent (numbers and booleans as strings). An intrinsic is resolved only at deploy time, so it prints
 * as `${Ref:X}`, `${GetAtt:X.Arn}`, `${Sub:…}`, `${If:Cond ? a : b}` or `${<function>:<JSON>}`:
 * readable, and never mistaken for a literal.
 */
export const displayValue = (value: Json | undefined): string => {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return isIntrinsic(value) ? displayIntrinsic(value) : JSON.stringify(value);
};

const displayIntrinsic = (value: { [key: string]: Json }): string => {
  const ref = refTarget(value);
  if (ref !== undefined) {
    return `\${Ref:${ref}}`;
  }
  const getAtt = getAttTarget(value);
  if (getAtt !== undefined) {
    return `\${GetAtt:${getAtt[0]}.${getAtt[1]}}`;
  }
  const [name = '', arg = null] = Object.entries(value)[0] ?? [];
  const short = name.replace(/^Fn::/, '');
  if (name === 'Fn::Sub' && typeof arg === 'string') {
    return `\${Sub:${arg}}`;
  }
  if (name === 'Fn::Sub' && Array.isArray(arg) && typeof arg[0] === 'string' && isObject(arg[1])) {
    const variables = Object.entries(arg[1]).map(([key, v]) => `${key}=${displayValue(v)}`);
    return `\${Sub:${arg[0]} with ${variables.join(', ')}}`;
  }
  if (name === 'Fn::If' && Array.isArray(arg) && arg.length === 3) {
    return `\${If:${displayValue(arg[0])} ? ${displayValue(arg[1])} : ${displayValue(arg[2])}}`;
  }
  if (name === 'Fn::ImportValue' && typeof arg === 'string') {
    return `\${ImportValue:${arg}}`;
  }
  return `\${${short}:${JSON.stringify(arg)}}`;
};

/** The value when it is a literal object (not an intrinsic); undefined otherwise. */
export const literalObject = (value: Json | undefined): { [key: string]: Json } | undefined =>
  isObject(value) && !isIntrinsic(value) ? value : undefined;
