import { escapeForSub, literalPrefix } from '../../../functions/shared/fluentbit/templating';

describe('literalPrefix', () => {
  it.each([
    ['/ecs/app', {}, { literal: '/ecs/app', templated: false }],
    ['/ecs/$(ecs_task_id)', {}, { literal: '/ecs/', templated: true }],
    ['/ecs/${ECS_TASK_ID}', {}, { literal: '/ecs/', templated: true }],
    ['logs/$TAG/x', {}, { literal: 'logs/', templated: true }],
    ["/ecs/$kubernetes['namespace_name']", {}, { literal: '/ecs/', templated: true }],
    ['logs/%Y/%m', {}, { literal: 'logs/%Y/%m', templated: false }],
    ['logs/%Y/%m', { strftime: true }, { literal: 'logs/', templated: true }],
    ['$UUID', {}, { literal: '', templated: true }],
  ])('splits %s at its first run-time placeholder', (value, options, expected) => {
    // Act
    const result = literalPrefix(value, options);

    // Assert
    expect(result).toEqual(expected);
  });
});

describe('escapeForSub', () => {
  it('turns ${ into ${! so Fn::Sub keeps it literal', () => {
    // Act
    const result = escapeForSub('a${b}c${d');

    // Assert
    expect(result).toBe('a${!b}c${!d');
  });
});
