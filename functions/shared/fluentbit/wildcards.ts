import { cutText, QUOTED_TEXT_LIMIT } from '../errors';
import { isObject, type Json, refTarget } from '../template/intrinsics';
import type { ArnKind } from './arn';
import { literalPrefix, type TemplatingOptions } from './templating';

/**
 * Wildcards the user *wrote* in a value that becomes an IAM resource. IAM reads `*` and `?` in a
 * Resource as wildcards (IAM user guide, "IAM JSON policy elements: Resource", "Including wildcard
 * characters"), so `logs-*` would grant every stream starting with `logs-`. Run-time templating
 * (`$(tag)`, `${ENV}`, strftime in s3 keys) is not a wildcard the user wrote: the macro itself turns it
 * into a literal prefix and `*` (templating.ts), so only the text before the first placeholder counts.
 */
const WILDCARD = /[*?]/;

/** One value that became an IAM resource, as the ARN builders report it. */
export interface ResourceSource {
  /** The option (or field) the value was read from: `delivery_stream`, `role_arn`, `ValueFrom`, `region`. */
  readonly option: string;
  readonly value: Json;
  readonly kind: ArnKind;
  /** The resource it became (compared with the generated statements' resources). */
  readonly arn: Json;
  /** strftime `%Y` in the value is run-time templating (s3_key_format). */
  readonly strftime?: boolean;
  /** Set when a literal value named no resource the macro can read, so the grant covers every one of its kind: why. */
  readonly unreadable?: string;
  /**
   * The value names a resource of another service than the output signs for (a Serverless collection endpoint
   * under an output without `Serverless: true`): no grant would make it work, so AllowWildcardResources does
   * not accept it.
   */
  readonly otherService?: boolean;
}

/** Template parameters by name, as written (`{ Type, Default, AllowedValues }`). */
export type ParametersSection = Readonly<Record<string, unknown>>;

const literalWildcard = (text: string, options: TemplatingOptions): boolean => WILDCARD.test(literalPrefix(text, options).literal);

const quoted = (text: string): string => JSON.stringify(cutText(text, QUOTED_TEXT_LIMIT));

/** A Ref to a parameter: its Default and each of its AllowedValues may be what is deployed. */
const parameterWildcards = (name: string, parameters: ParametersSection, options: TemplatingOptions): string[] => {
  const parameter = Object.hasOwn(parameters, name) ? parameters[name] : undefined;
  if (!isObject(parameter)) {
    // A pseudo parameter, a resource, or a parameter the macro cannot see: nothing written to judge.
    return [];
  }
  const texts = (list: unknown[]): string[] => list.filter((v): v is string => typeof v === 'string' && literalWildcard(v, options));
  const allowed = Array.isArray(parameter['AllowedValues']) ? parameter['AllowedValues'] : [];
  return [
    ...texts([parameter['Default']]).map((v) => `parameter ${name}'s Default ${quoted(v)}`),
    ...texts(allowed).map((v) => `parameter ${name}'s AllowedValues entry ${quoted(v)}`),
  ];
};

/** The literal text of an Fn::Sub body: each `${Variable}` is a value of its own (judged through the variable map or unknown). */
const subWildcards = (argument: Json | undefined, parameters: ParametersSection, options: TemplatingOptions): string[] => {
  const [body, variables] = Array.isArray(argument) ? argument : [argument, undefined];
  if (typeof body !== 'string') {
    return [];
  }
  const literalText = body.replace(/\$\{![^}]*\}/g, 'x').replace(/\$\{[^}]*\}/g, 'x');
  const own = literalWildcard(literalText, options) ? [`the Fn::Sub text ${quoted(body)}`] : [];
  const fromVariables = isObject(variables) ? Object.values(variables).flatMap((v) => writtenWildcards(v, parameters, options)) : [];
  return [...own, ...fromVariables];
};

/**
 * Each place in `value` where the user wrote a wildcard, described for a message (`"logs-*"`, `the Fn::Sub
 * text "…"`, `parameter P's AllowedValues entry "a*"`); empty when there is none. Every branch of an `Fn::If`
 * and every part of an `Fn::Join` counts. Values the macro cannot read (`Fn::ImportValue`, `Fn::GetAtt`, a
 * parameter of another template) are not judged here: they stay as they are.
 */
const writtenWildcards = (value: Json | undefined, parameters: ParametersSection, options: TemplatingOptions = {}): string[] => {
  if (typeof value === 'string') {
    return literalWildcard(value, options) ? [quoted(value)] : [];
  }
  if (!isObject(value) || Object.keys(value).length !== 1) {
    return [];
  }
  const target = refTarget(value);
  if (target !== undefined) {
    return parameterWildcards(target, parameters, options);
  }
  const args = value['Fn::If'] ?? value['Fn::Join'] ?? value['Fn::Select'];
  if (value['Fn::Sub'] !== undefined) {
    return subWildcards(value['Fn::Sub'], parameters, options);
  }
  if (!Array.isArray(args)) {
    return [];
  }
  if (value['Fn::If'] !== undefined) {
    return args.slice(1).flatMap((branch) => writtenWildcards(branch, parameters, options));
  }
  const [first, list] = args;
  // Fn::Join: [delimiter, parts]; Fn::Select: [index, list]. A `*` delimiter joins into a wildcard too.
  const delimiter =
    value['Fn::Join'] !== undefined && typeof first === 'string' && WILDCARD.test(first) ? [`the Fn::Join delimiter ${quoted(first)}`] : [];
  return [...delimiter, ...(Array.isArray(list) ? list.flatMap((part) => writtenWildcards(part, parameters, options)) : [])];
};

/** The wildcards written in what a source was built from. */
export const sourceWildcards = (source: ResourceSource, parameters: ParametersSection): string[] =>
  writtenWildcards(source.value, parameters, { strftime: source.strftime === true });
