import type { FieldSpec, ObjectSpec } from './property-schema';
import { CONTAINER_PROPERTY, FIRELENS_PROPERTY, LOG_GROUP_NAME } from './property-schema';

type JsonSchema = Record<string, unknown>;

const INTRINSIC_REF = { $ref: '#/definitions/Intrinsic' };

const NO_VALUE = { type: 'object', required: ['Ref'], properties: { Ref: { const: 'AWS::NoValue' } }, additionalProperties: false };
const FIRELENS_OR_NO_VALUE = { anyOf: [{ $ref: '#/definitions/FireLens' }, NO_VALUE] };

/** `Fn::If [Condition, {…}, !Ref AWS::NoValue]` (or the other way round): FireLens switched on by a condition (conditional.ts). */
const CONDITIONAL_FIRELENS = {
  type: 'object',
  description: 'FireLens switched on by a condition: Fn::If [Condition, {…}, !Ref AWS::NoValue], or the branches the other way round.',
  required: ['Fn::If'],
  properties: {
    'Fn::If': { type: 'array', minItems: 3, maxItems: 3, items: [{ type: 'string' }, FIRELENS_OR_NO_VALUE, FIRELENS_OR_NO_VALUE] },
  },
  additionalProperties: false,
};

/** Turns the FireLens property definition into JSON Schema (draft-07), for editors and docs. */
const toJsonSchema = (spec: FieldSpec): JsonSchema => {
  const withIntrinsic = (schema: JsonSchema, allowed: boolean): JsonSchema =>
    allowed ? { description: schema['description'], anyOf: [{ ...schema, description: undefined }, INTRINSIC_REF] } : schema;
  switch (spec.kind) {
    case 'string':
      return withIntrinsic(
        {
          type: 'string',
          description: spec.description,
          ...(spec.enum ? { enum: [...spec.enum] } : {}),
          ...(spec.pattern ? { pattern: spec.pattern.source } : {}),
        },
        spec.intrinsic === true,
      );
    case 'integer':
      return withIntrinsic(
        {
          type: 'integer',
          minimum: spec.minimum,
          maximum: spec.maximum,
          ...(spec.enum ? { enum: [...spec.enum] } : {}),
          description: spec.description,
        },
        spec.intrinsic === true,
      );
    case 'boolean':
      return { type: 'boolean', description: spec.description };
    case 'string-or-false':
      return {
        description: spec.description,
        anyOf: [{ type: 'string', pattern: LOG_GROUP_NAME.source }, { const: false }, INTRINSIC_REF],
      };
    case 'options':
      return {
        type: 'object',
        description: spec.description,
        additionalProperties: { anyOf: [{ type: ['string', 'number', 'boolean'] }, INTRINSIC_REF] },
      };
    case 'string-list':
      return { type: 'array', description: spec.description, items: { type: 'string' } };
    case 'list':
      return spec.literal === true
        ? { type: 'array', description: spec.description, items: toJsonSchema(spec.items) }
        : { description: spec.description, anyOf: [{ type: 'array', items: toJsonSchema(spec.items) }, INTRINSIC_REF] };
    case 'object':
      return objectSchema(spec);
  }
};

const objectSchema = (spec: ObjectSpec): JsonSchema => {
  const object: JsonSchema = {
    type: 'object',
    description: spec.description,
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(spec.fields).map(([key, field]) => [key, toJsonSchema(field)])),
    ...(spec.required?.length ? { required: [...spec.required] } : {}),
    ...(spec.exactlyOne ? { oneOf: spec.exactlyOne.map((key) => ({ required: [key] })) } : {}),
    ...(spec.atMostOne ? { not: { anyOf: pairsOf(spec.atMostOne).map((pair) => ({ required: pair })) } } : {}),
  };
  if (spec.allowBoolean === true) {
    return { description: spec.description, anyOf: [{ ...object, description: undefined }, { type: 'boolean' }] };
  }
  return spec.allowFalse === true
    ? { description: spec.description, anyOf: [{ ...object, description: undefined }, { const: false }] }
    : object;
};

/** Every two-key combination: "at most one of" is "no two of them together". */
const pairsOf = (keys: readonly string[]): string[][] => keys.flatMap((a, i) => keys.slice(i + 1).map((b) => [a, b]));

/** The published schema: the task-level property, with the per-container one as a definition. */
export const firelensJsonSchema = (): JsonSchema =>
  JSON.parse(
    JSON.stringify({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'https://github.com/firelens-macro/firelens-macro/schema/firelens.schema.json',
      title: 'FireLens property of AWS::ECS::TaskDefinition (FireLensMacro)',
      description: FIRELENS_PROPERTY.description,
      anyOf: [{ $ref: '#/definitions/FireLens' }, CONDITIONAL_FIRELENS],
      definitions: {
        FireLens: toJsonSchema(FIRELENS_PROPERTY),
        ContainerFireLens: toJsonSchema(CONTAINER_PROPERTY),
        Intrinsic: {
          description: 'A CloudFormation intrinsic function such as Ref, Fn::Sub, Fn::GetAtt, Fn::If.',
          type: 'object',
          minProperties: 1,
          maxProperties: 1,
          patternProperties: { '^(Ref|Condition|Fn::[A-Za-z]+)$': {} },
          additionalProperties: false,
        },
      },
    }),
  ) as JsonSchema;
