import { firelensJsonSchema } from '../shared/firelens/json-schema';
import type { Command } from './io';

/** `firelens schema`: prints the JSON Schema of the FireLens property (schema/firelens.schema.json). */
export const schemaCommand: Command = (_args, io) => {
  io.stdout(`${JSON.stringify(firelensJsonSchema(), null, 2)}\n`);
  return 0;
};
