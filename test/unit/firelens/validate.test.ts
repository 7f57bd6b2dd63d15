import { FIRELENS_PROPERTY } from '../../../functions/shared/firelens/property-schema';
import { validateField } from '../../../functions/shared/firelens/validate';

describe('validateField', () => {
  it('refuses Options written as an intrinsic: they are merged key by key, so an Fn::If would become an option named "Fn::If"', () => {
    // Regression: Options: {Fn::If: [...]} was accepted and merged into the plugin options as a key "Fn::If".
    const raw = { Destination: { CloudWatchLogs: { Options: { 'Fn::If': ['IsProd', { retry_limit: '5' }, {}] } } } };

    const problems = validateField(raw, FIRELENS_PROPERTY, ['Resources', 'Task', 'Properties', 'FireLens'], 'Task');

    expect(problems).toEqual([
      {
        logicalId: 'Task',
        path: ['Resources', 'Task', 'Properties', 'FireLens', 'Destination', 'CloudWatchLogs', 'Options'],
        message: 'must be a literal map of option names to values, not an intrinsic function (the macro needs to read it)',
      },
    ]);
  });

  it('still takes an intrinsic as one option value', () => {
    const raw = { Destination: { CloudWatchLogs: { Options: { retry_limit: { 'Fn::If': ['IsProd', '5', '1'] } } } } };

    expect(validateField(raw, FIRELENS_PROPERTY, ['Resources', 'Task', 'Properties', 'FireLens'], 'Task')).toEqual([]);
  });
});

describe('validateField messages on hostile values', () => {
  const PATH = ['Resources', 'Task', 'Properties', 'FireLens'];

  it('quotes at most 80 characters of a value (a 1 MB name is not echoed back)', () => {
    // Regression: the pattern and enum messages quoted the whole value.
    const problems = validateField(
      { Destination: { CloudWatchLogs: {} }, Router: { Name: `${'x'.repeat(1_000_000)}!`, Type: 'y'.repeat(500) } },
      FIRELENS_PROPERTY,
      PATH,
      'Task',
    );

    expect(problems.map((p) => p.message)).toEqual([
      `"${'x'.repeat(79)}…" does not match /^[A-Za-z0-9_-]{1,255}$/`,
      `must be one of fluentbit, fluentd, not "${'y'.repeat(79)}…"`,
    ]);
  });

  it('suggests the key two swapped letters away ("Nmae" → "Name", not "Image")', () => {
    const problems = validateField({ Destination: { CloudWatchLogs: {} }, Router: { Nmae: 'r' } }, FIRELENS_PROPERTY, PATH, 'Task');

    expect(problems[0]?.message).toMatch(/^unknown property \(did you mean "Name"\?\)/);
  });

  it('does not look for a suggestion for a key far longer than any known one', () => {
    const problems = validateField({ Destination: { CloudWatchLogs: {} }, ['K'.repeat(100_000)]: 1 }, FIRELENS_PROPERTY, PATH, 'Task');

    expect(problems[0]?.message).toMatch(/^unknown property; allowed: Router, Destination/);
  });
});
