import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { BUNDLED_CASE_COUNT, ECS_FAULT_COUNT, PAYLOAD_FAULT_COUNT, TLS_FAULT_COUNT, URL_REFUSAL_COUNT } from '../hook-faults/cases';
import { ENTRY_POINT_RUN_COUNT, ENTRY_POINT_RUNS, HOSTILE_INPUT_COUNT, HOSTILE_INPUTS } from '../hostile/cases';
import { MUTATED_TEMPLATES_PER_RUN, PROPERTY_RUNS, VALID_TEMPLATES_PER_RUN } from '../property/run-counts';

const DOC = join(__dirname, '..', '..', 'RELIABILITY.md');
const START = '<!-- figures:start -->';
const END = '<!-- figures:end -->';

const n = (value: number): string => value.toLocaleString('en-US');

/** The figures table of RELIABILITY.md, from the constants the suites run with. */
const figuresTable = (): string => {
  const runs = (valid: number, mutated: number): string => `${n(valid)} valid + ${n(mutated)} mutated`;
  const rows: [string, string, string][] = [
    [
      'Property: macro handler never throws, answers success/failure',
      runs(PROPERTY_RUNS.macroHandlerValid, PROPERTY_RUNS.macroHandlerMutated),
      'test/property/macro-handler.test.ts',
    ],
    [
      'Property: nothing of the input lost or changed',
      runs(PROPERTY_RUNS.preservationValid, PROPERTY_RUNS.preservationMutated),
      'test/property/preservation.test.ts',
    ],
    [
      'Property: expanding again changes nothing',
      runs(PROPERTY_RUNS.idempotenceValid, PROPERTY_RUNS.idempotenceMutated),
      'test/property/idempotence.test.ts',
    ],
    [
      'Property: generated resources match the provider schemas',
      runs(PROPERTY_RUNS.schemasValid, PROPERTY_RUNS.schemasMutated),
      'test/property/schemas.test.ts',
    ],
    [
      'Property: macro accepts ⇔ `firelens expand` exits 0 ⇔ lint accepts; lint rejects ⇒ hook rejects',
      runs(PROPERTY_RUNS.macroRulesHookValid, PROPERTY_RUNS.macroRulesHookMutated),
      'test/property/macro-vs-rules-vs-hook.test.ts',
    ],
    [
      'Property: every generated IAM policy passes the audit (hostile names: refused naming the field, or clean)',
      `${runs(PROPERTY_RUNS.iamWalkValid, PROPERTY_RUNS.iamWalkMutated)} + ${n(PROPERTY_RUNS.iamWalkHostile)} hostile-name`,
      'test/unit/firelens/iam-walk.test.ts',
    ],
    [
      'Property: a violation wrapped in Fn::If branches or allowed parameter values keeps its error, at its path',
      `${n(PROPERTY_RUNS.scenarioWrapped)} wrapped fixtures`,
      'test/property/scenarios.test.ts',
    ],
    [
      'Property: the YAML line reader reads a text as the exact reader does, or declines it; never one the exact reader refuses',
      `${n(PROPERTY_RUNS.lineReaderWritten + PROPERTY_RUNS.lineReaderHandWritten + PROPERTY_RUNS.lineReaderUnusual)} generated texts + ${n(PROPERTY_RUNS.lineReaderMutated)} mutated templates`,
      'test/unit/template/load-yaml-lines.test.ts',
    ],
    ['**Generated templates per `npm test`**', `**${runs(VALID_TEMPLATES_PER_RUN, MUTATED_TEMPLATES_PER_RUN)}**`, ''],
    ['Hostile template texts and bytes', n(HOSTILE_INPUTS.text), 'test/hostile/text.test.ts, processes.test.ts'],
    ['Hostile parsed templates', n(HOSTILE_INPUTS.fragments), 'test/hostile/fragments.test.ts'],
    ['Malformed macro events', n(HOSTILE_INPUTS.events), 'test/hostile/events.test.ts'],
    ['FireLens field × wrong value', n(HOSTILE_INPUTS.fields), 'test/hostile/fields.test.ts'],
    ['Every field wrong at once (one per destination)', n(HOSTILE_INPUTS.allFieldsAtOnce), 'test/hostile/fields.test.ts'],
    [
      '**Hostile inputs / entry-point runs**',
      `**${n(HOSTILE_INPUT_COUNT)} / ${n(ENTRY_POINT_RUN_COUNT)}**`,
      `text ${n(ENTRY_POINT_RUNS.text)}, parsed ${n(ENTRY_POINT_RUNS.fragments)}, events ${n(ENTRY_POINT_RUNS.events)}, fields ${n(ENTRY_POINT_RUNS.fields + ENTRY_POINT_RUNS.allFieldsAtOnce)}`,
    ],
    ['Hook payload fetch faults', n(PAYLOAD_FAULT_COUNT), 'test/hook-faults/payload-faults.test.ts'],
    ['Hook ECS lookup faults (each for a resource and a stack target)', n(ECS_FAULT_COUNT), 'test/hook-faults/ecs-faults.test.ts'],
    ['Hook TLS faults', n(TLS_FAULT_COUNT), 'test/hook-faults/tls-faults.test.ts, bundled.test.ts'],
    ['Payload URLs refused without a request', n(URL_REFUSAL_COUNT), 'test/hook-faults/url-refusals.test.ts'],
    ['Hook cases through the bundled function (child processes)', n(BUNDLED_CASE_COUNT), 'test/hook-faults/bundled.test.ts'],
  ];
  return ['| What | Cases per run | Where |', '| --- | --- | --- |', ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
};

describe('RELIABILITY.md', () => {
  it('cites the case counts the suites run with (UPDATE_DOCS=1 rewrites the table)', () => {
    // Arrange
    const text = readFileSync(DOC, 'utf8');
    const expected = `${START}\n${figuresTable()}\n${END}`;

    // Act
    if (process.env['UPDATE_DOCS'] === '1') {
      writeFileSync(DOC, `${text.slice(0, text.indexOf(START))}${expected}${text.slice(text.indexOf(END) + END.length)}`);
    }
    const current = readFileSync(DOC, 'utf8');

    // Assert
    expect(current.slice(current.indexOf(START), current.indexOf(END) + END.length)).toBe(expected);
  });
});
