/** `firelens rules`: the rule table as Markdown (the same renderer as the README's rules section). */
import { catalog } from '../shared/rules/catalog';
import { renderRulesTable } from '../shared/rules/format/rules-table';
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
  io.stdout(renderRulesTable(catalog));
  return 0;
};
