/** `firelens rules`: the rule table and the rules' options as Markdown (the same renderers as the README's sections). */
import { catalog } from '../shared/rules/catalog';
import { renderRuleOptionsTable, renderRulesTable } from '../shared/rules/format/rules-table';
import { RULES_HELP } from './help';
import { type Command, usageError } from './io';

export const rulesCommand: Command = (args, io) => {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    io.stdout(RULES_HELP);
    return 0;
  }
  if (args.length > 0) {
    return usageError(io, 'firelens rules', `takes no arguments (got ${args.join(' ')})`);
  }
  io.stdout(
    `${renderRulesTable(catalog)}\nRule options (firelens lint --configure-rule RULE:option=value):\n\n${renderRuleOptionsTable(catalog)}`,
  );
  return 0;
};
