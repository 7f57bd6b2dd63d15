/**
 * FL1010 through the pipeline: lint expands a template that declares the macro before the rules run, so
 * the rule only ever sees FireLens properties that nothing will expand — whatever the macro is called.
 */
import { runPipeline } from '../../../functions/shared/pipeline';
import { readFixture } from '../../helpers/rule-tester';

const WITH_TRANSFORM = readFixture('bad/FL1010/ok-with-transform.yaml');
const WITHOUT_TRANSFORM = readFixture('bad/FL1010/no-transform.yaml');

const fl1010 = (text: string, macroName?: string): { path: string; line: number | undefined }[] =>
  runPipeline({ text, filename: 't.yaml' }, { expand: 'if-transform', ...(macroName === undefined ? {} : { macroName }) })
    .findings.filter((f) => f.ruleId === 'FL1010')
    .map((f) => ({ path: f.path.join('/'), line: f.location?.line }));

describe('FL1010 in the lint pipeline', () => {
  it('finds nothing once the declared macro has expanded the FireLens property', () => {
    // Act
    const findings = fl1010(WITH_TRANSFORM);

    // Assert
    expect(findings).toEqual([]);
  });

  it('reports the FireLens property at its line when no Transform runs the macro', () => {
    // Act
    const findings = fl1010(WITHOUT_TRANSFORM);

    // Assert
    expect(findings).toEqual([{ path: 'Resources/Task/Properties/FireLens', line: 13 }]);
  });

  it('follows the configured macro name: another Transform name is not the macro, the configured one is', () => {
    // Arrange
    const renamed = WITH_TRANSFORM.replace('[FireLensMacro, ', '[AcmeFireLens, ');

    // Act
    const underDefaultName = fl1010(WITH_TRANSFORM, 'AcmeFireLens');
    const underItsName = fl1010(renamed, 'AcmeFireLens');

    // Assert
    expect(underDefaultName).toEqual([{ path: 'Resources/Task/Properties/FireLens', line: 14 }]);
    expect(underItsName).toEqual([]);
  });
});
