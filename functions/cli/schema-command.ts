import { firelensJsonSchema } from '../shared/firelens/json-schema';
import { SCHEMA_HELP } from './help';
import { type Command, usageError } from './io';

/** `firelens schema`: prints the JSON Schema of the FireLens property (schema/firelens.schema.json). */
export const schemaCommand: Command = (args, io) => {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    io.stdout(SCHEMA_HELP);
    return 0;
  }
  if (args.length > 0) {
    return usageError(io, 'firelens schema', `takes no arguments (got ${args.join(' ')})`);
  }
  io.stdout(`${JSON.stringify(firelensJsonSchema(), null, 2)}\n`);
  return 0;
};
