/** `firelens rules`: the rule table as Markdown (the same renderer as the README's rules section). */
import { catalog } from '../shared/rules/catalog';
import { renderRulesTable } from '../shared/rules/format/rules-table';
import { type Command, EXIT_USAGE } from './io';

export const rulesCommand: Command = (args, io) => {
  if (args.length > 0) {
    io.stderr(`firelens rules: takes no arguments (got ${args.join(' ')})\n`);
    return EXIT_USAGE;
  }
  io.stdout(renderRulesTable(catalog));
  return 0;
};
