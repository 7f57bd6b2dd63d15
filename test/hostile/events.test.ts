import type { MacroResult } from '../../functions/middleware/macro-response';
import { EVENT_CASES, type EventCase, type EventEntry } from './cases';
import { callExpandMacroEvent, expectClear, invokeMacro, MACRO_MESSAGE_LIMIT } from './harness';

/**
 * Macro events that are not the documented shape: the answer is a `failure` that lists every wrong
 * field, never a crash; through middy it carries the event's requestId (or '' when it has none).
 */
const casesFor = (entry: EventEntry): (readonly [string, EventCase])[] =>
  EVENT_CASES.filter((c) => c.entries.includes(entry)).map((c) => [c.name, c] as const);

const expectRefused = (response: MacroResult, c: EventCase): void => {
  expect(response.status).toBe('failure');
  expectClear(response.errorMessage, MACRO_MESSAGE_LIMIT);
  expect(response.errorMessage).toMatch(/^FireLensMacro received a malformed event: /);
  for (const error of c.errors) {
    expect(response.errorMessage).toContain(error);
  }
};

describe('malformed macro events', () => {
  it.each(casesFor('macro'))('the middy handler: %s', async (_name, c) => {
    // Act
    const response = await invokeMacro(c.event());

    // Assert
    expectRefused(response, c);
    expect(response.requestId).toBe(c.requestId);
  });

  it.each(casesFor('expand-macro-event'))('expandMacroEvent: %s', async (_name, c) => {
    // Act
    const response = await callExpandMacroEvent(c.event());

    // Assert
    expectRefused(response, c);
    expect(response.fragment).toEqual({});
  });
});
