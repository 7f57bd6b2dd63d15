import type { Json, JsonObject } from '../template/intrinsics';
import {
  getAttTarget,
  intrinsicName,
  isIntrinsic,
  isNoValue,
  isObject,
  literalString,
  possibleValues,
  refTarget,
} from '../template/intrinsics';
import type { ArnContext, ArnKind } from './arn';
import { arnKindTypes, buildArn, contextResource } from './arn';
import type { PolicyStatement } from './iam';
import { allow } from './iam';

/**
 * Execution-role statements for `secretOptions` (log configuration) and `secrets` (router
 * container): ECS fetches them with the execution role before the container starts (ECS developer
 * guide, "Pass sensitive data to a container": secretsmanager:GetSecretValue / ssm:GetParameters,
 * kms:Decrypt only for a customer managed key).
 */
export interface SecretContext extends ArnContext {
  /** A customer managed KMS key that encrypts the secrets: literal ARN/key id, alias, or an intrinsic. */
  readonly kmsKeyArn?: Json | undefined;
}

type SecretTarget = { readonly kind: 'secret' | 'ssm' | 'unknown'; readonly arn: Json; readonly notes: readonly string[] };

/** A full secret ARN ends in `-` and six random characters; a partial one gets `-??????`. */
const FULL_SECRET_NAME = /-[A-Za-z0-9]{6}$/;

/**
 * `arn:aws:secretsmanager:r:a:secret:name-AbCdEf:json-key:stage:version` → the secret itself.
 * ECS accepts these suffixes to pick a JSON key or a version; IAM wants the secret's ARN.
 */
export const secretArnOf = (valueFrom: string): string => {
  const parts = valueFrom.split(':');
  const base = parts.slice(0, 7).join(':');
  const name = parts[6] ?? '';
  return FULL_SECRET_NAME.test(name) ? base : `${base}-??????`;
};

const subText = (value: Json): string | undefined => {
  if (!isObject(value)) {
    return undefined;
  }
  const arg = value['Fn::Sub'];
  return typeof arg === 'string' ? arg : Array.isArray(arg) ? literalString(arg[0]) : undefined;
};

const fromLiteral = (valueFrom: string, context: ArnContext): SecretTarget => {
  if (valueFrom.startsWith('arn:')) {
    const service = valueFrom.split(':')[2];
    if (service === 'secretsmanager') {
      return { kind: 'secret', arn: secretArnOf(valueFrom), notes: [] };
    }
    if (service === 'ssm') {
      return { kind: 'ssm', arn: valueFrom, notes: [] };
    }
    return { kind: 'unknown', arn: valueFrom, notes: [`${valueFrom} is neither a Secrets Manager secret nor an SSM parameter.`] };
  }
  // ECS accepts a bare name only for SSM parameters in the task's region.
  const built = buildArn({ kind: 'ssmParameter', value: valueFrom, option: 'ValueFrom', written: false }, context);
  return { kind: 'ssm', arn: built.arn, notes: built.notes };
};

const fromIntrinsic = (valueFrom: JsonObject, context: ArnContext): SecretTarget => {
  const resource = contextResource(context, refTarget(valueFrom) ?? getAttTarget(valueFrom)?.[0]);
  const type = isObject(resource) ? literalString(resource['Type']) : undefined;
  const kinds: readonly [ArnKind, 'secret' | 'ssm'][] = [
    ['secret', 'secret'],
    ['ssmParameter', 'ssm'],
  ];
  for (const [arnKind, kind] of kinds) {
    if (type !== undefined && arnKindTypes(arnKind).includes(type)) {
      const built = buildArn({ kind: arnKind, value: valueFrom, option: 'ValueFrom', written: false }, context, true);
      return { kind, arn: built.arn, notes: [] };
    }
  }
  const text = subText(valueFrom) ?? '';
  if (text.includes(':secretsmanager:')) {
    return { kind: 'secret', arn: valueFrom, notes: [] };
  }
  if (text.includes(':ssm:')) {
    return { kind: 'ssm', arn: valueFrom, notes: [] };
  }
  return {
    kind: 'unknown',
    arn: valueFrom,
    notes: ['A secret `ValueFrom` is only known at deploy time; it must be a full ARN, and both read actions are granted on it.'],
  };
};

const kmsStatement = (key: Json, context: ArnContext): { statement: PolicyStatement; notes: string[] } => {
  const alias = literalString(key);
  if (alias !== undefined && alias.startsWith('alias/')) {
    // IAM matches kms:Decrypt against the key ARN, never the alias; the alias is a condition.
    const built = buildArn({ kind: 'kmsKey', value: '*', option: 'kmsKeyArn', written: false }, context);
    context.onResource?.({ option: 'SecretsKmsKey', value: alias, kind: 'kmsKey', arn: built.arn });
    return {
      statement: allow(['kms:Decrypt'], [built.arn], { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': alias } }),
      notes: [],
    };
  }
  const built = buildArn({ kind: 'kmsKey', value: key, option: 'kmsKeyArn', written: false }, context);
  context.onResource?.({ option: 'SecretsKmsKey', value: key, kind: 'kmsKey', arn: built.arn });
  return { statement: allow(['kms:Decrypt'], [built.arn]), notes: [...built.notes] };
};

/**
 * The entries of a secrets list (`[{Name, ValueFrom}]`), every branch of an `Fn::If` counted: the role
 * must read whichever list the condition picks. `unreadable` names what the macro cannot see into (a
 * `Ref` to a parameter, `Fn::ImportValue`, …): the secrets behind it get no permission from it.
 */
export const secretEntries = (secrets: Json): { entries: Json[]; unreadable: string | undefined } => {
  const entries: Json[] = [];
  let unreadable: string | undefined;
  for (const branch of possibleValues(secrets)) {
    if (Array.isArray(branch)) {
      entries.push(...(branch as Json[]).flatMap((entry) => possibleValues(entry) as Json[]));
    } else if (branch !== null && branch !== undefined) {
      unreadable ??= intrinsicName(branch) ?? 'not a list';
    }
  }
  return { entries, unreadable };
};

/**
 * The option names a SecretOptions list sets whatever its conditions: with an `Fn::If`, the names of
 * both branches (an `AWS::NoValue` branch sets none). Undefined when the list, or an entry of it, cannot
 * be read: it may set any option.
 */
export const secretOptionNames = (secretOptions: unknown): Set<string> | undefined => {
  if (secretOptions === undefined || isNoValue(secretOptions)) {
    return new Set();
  }
  if (isObject(secretOptions) && Array.isArray(secretOptions['Fn::If']) && Object.keys(secretOptions).length === 1) {
    const [, whenTrue, whenFalse] = secretOptions['Fn::If'];
    const a = secretOptionNames(whenTrue);
    const b = secretOptionNames(whenFalse);
    return a === undefined || b === undefined ? undefined : new Set([...a].filter((name) => b.has(name)));
  }
  if (!Array.isArray(secretOptions) || secretOptions.some((entry) => isIntrinsic(entry))) {
    return undefined;
  }
  return new Set(secretOptions.flatMap((entry) => (isObject(entry) && typeof entry['Name'] === 'string' ? [entry['Name']] : [])));
};

/** Statements plus the notes docs and lint show (partial ARNs, unknown values). */
export const secretStatementsWithNotes = (
  secretOptions: Json,
  context: SecretContext,
): { statements: PolicyStatement[]; notes: string[] } => {
  const { entries, unreadable } = secretEntries(secretOptions);
  const targets = entries.flatMap((entry): SecretTarget[] => {
    const valueFrom = isObject(entry) ? (entry['ValueFrom'] ?? entry['valueFrom']) : undefined;
    // Each branch of an Fn::If ValueFrom is read on its own, so a partial secret ARN still gets its `-??????`.
    return (possibleValues(valueFrom) as Json[]).flatMap((value): SecretTarget[] => {
      const target =
        typeof value === 'string' ? fromLiteral(value, context) : isIntrinsic(value) ? fromIntrinsic(value, context) : undefined;
      if (target === undefined) {
        return [];
      }
      context.onResource?.({ option: 'ValueFrom', value, kind: target.kind === 'secret' ? 'secret' : 'ssmParameter', arn: target.arn });
      return [target];
    });
  });
  const arnsOf = (kinds: readonly SecretTarget['kind'][]): Json[] => targets.filter((t) => kinds.includes(t.kind)).map((t) => t.arn);
  const secrets = arnsOf(['secret', 'unknown']);
  const parameters = arnsOf(['ssm', 'unknown']);
  const statements: PolicyStatement[] = [
    ...(secrets.length > 0 ? [allow(['secretsmanager:GetSecretValue'], secrets)] : []),
    ...(parameters.length > 0 ? [allow(['ssm:GetParameters'], parameters)] : []),
  ];
  const notes = targets.flatMap((t) => t.notes);
  if (context.kmsKeyArn !== undefined && (targets.length > 0 || unreadable !== undefined)) {
    const kms = kmsStatement(context.kmsKeyArn, context);
    statements.push(kms.statement);
    notes.push(...kms.notes);
  }
  if (unreadable !== undefined) {
    notes.push('The secrets list is not a literal list; no permissions could be derived from it.');
  }
  return { statements, notes: [...new Set(notes)] };
};

/**
 * Execution-role statements for a SecretOptions / Secrets list (`[{ Name, ValueFrom }]`). The
 * secrets are read by ECS with the execution role, never by the task role.
 */
export const secretStatements = (secretOptions: Json, context: SecretContext): PolicyStatement[] =>
  secretStatementsWithNotes(secretOptions, context).statements;
