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
