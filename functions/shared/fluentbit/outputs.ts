import type { JsonObject } from '../template/intrinsics';
import { isIntrinsic, literalString } from '../template/intrinsics';
import type { ArnContext } from './arn';
import type { OutputPlugin } from './catalogue';
import { mergeStatements } from './iam';
import { findOption, literalFlag, optionValue } from './options';
import type { StatementsResult } from './permissions';
import { assumeRoleStatements } from './permissions';
import { outputPluginByName } from './validate';

/**
 * The Fluent Bit output plugin catalogue and what each plugin needs: the module the macro (task
 * role), the lint rules (missing permissions, bad options) and the README table all read.
 * The table itself, with versions and sources, is in catalogue.ts.
 */
export { CORE_SECRET_OPTIONS, CREDENTIAL_OPTION_NAMES, OUTPUT_PLUGINS, secretOptionsOf } from './catalogue';
export { findOption } from './options';
export type { StatementsResult } from './permissions';
export { secretArnOf, secretEntries, secretOptionNames, secretStatements, secretStatementsWithNotes } from './secrets';
export { outputPluginByName, plaintextSecretOptions, validateOutputOptions } from './validate';

export type OutputContext = ArnContext;

/** With AWS_Auth off, an OpenSearch/ES role is never assumed. */
const roleInUse = (plugin: OutputPlugin, options: JsonObject): boolean =>
  plugin.roleOption !== 'AWS_Role_ARN' || literalFlag(optionValue(options, 'AWS_Auth')) !== false;

/**
 * The task-role statements one container's `awsfirelens` options need, scoped to the destination
 * they name, plus notes on anything that could not be scoped exactly (run-time templating,
 * intrinsics the macro cannot read, cross-account roles).
 */
export const statementsForOutput = (options: JsonObject, context: OutputContext): StatementsResult => {
  const name = findOption(options, 'Name');
  if (name === undefined || isIntrinsic(name.value)) {
    const why = name === undefined ? 'no `Name`' : 'a `Name` known only at deploy time';
    return { statements: [], notes: [`The output has ${why}; no destination permissions can be derived.`] };
  }
  const plugin = outputPluginByName(literalString(name.value) ?? '');
  if (plugin === undefined) {
    const shown = typeof name.value === 'string' ? name.value : JSON.stringify(name.value);
    return { statements: [], notes: [`\`${shown}\` is not in the catalogue; no destination permissions are derived.`] };
  }
  const role = plugin.roleOption === undefined ? undefined : findOption(options, plugin.roleOption);
  const result =
    role !== undefined && roleInUse(plugin, options)
      ? assumeRoleStatements(role.key, role.value, context)
      : plugin.statements(options, context);
  return { statements: mergeStatements(result.statements.filter((s) => s.Action.length > 0)), notes: result.notes };
};
