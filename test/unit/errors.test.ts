import { formatProblemPath, formatProblems } from '../../functions/shared/errors';

describe('formatProblemPath', () => {
  it('starts at the logical id and writes indexes in brackets', () => {
    expect(formatProblemPath(['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Name'])).toBe(
      'Task.Properties.ContainerDefinitions[0].Name',
    );
  });

  it('names the Resources section itself when the problem is the section', () => {
    expect(formatProblems([{ path: ['Resources'], message: 'must be a mapping of logical ids to resources, not a string' }])).toBe(
      'FireLens: 1 problem: Resources: must be a mapping of logical ids to resources, not a string',
    );
  });

  it('shows at most 80 characters of a key (a 100 KB key is not echoed back)', () => {
    expect(formatProblemPath(['Resources', 'Task', 'Properties', 'FireLens', 'K'.repeat(100_000)])).toBe(
      `Task.Properties.FireLens.${'K'.repeat(79)}…`,
    );
  });
});
