import { type PipelineStage, runPipeline } from '../../../functions/shared/pipeline';
import { loadTemplate } from '../../../functions/shared/template/load';

/** The pipeline's work budget: checkpoints between the stages and inside the long ones; a throw stops the work. */
const topics = (count: number): Record<string, unknown> =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`Topic${String(i)}`, { Type: 'AWS::SNS::Topic', Properties: { TopicName: `t${String(i)}` } }]),
  );

const asYaml = (resources: Record<string, unknown>): string =>
  `Resources:\n${Object.keys(resources)
    .map((id) => `  ${id}:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: ${id}\n`)
    .join('')}`;

class StopError extends Error {}

describe('loadTemplate checkpoints', () => {
  it.each([
    ['YAML', asYaml(topics(5_000))],
    ['JSON', JSON.stringify({ Resources: topics(5_000) })],
  ])('calls the checkpoint while reading 5,000 resources of %s', (_kind, text) => {
    // Arrange
    let calls = 0;

    // Act
    loadTemplate(text, { checkpoint: () => (calls += 1) });

    // Assert: 30,000 values, one checkpoint per 4,096 at least.
    expect(calls).toBeGreaterThanOrEqual(5);
  });

  it('stops reading at the first checkpoint that throws', () => {
    // Arrange
    let calls = 0;
    const stop = (): void => {
      calls += 1;
      throw new StopError('time is up');
    };

    // Act
    const load = (): unknown => loadTemplate(asYaml(topics(5_000)), { checkpoint: stop });

    // Assert
    expect(load).toThrow(StopError);
    expect(calls).toBe(1);
  });
});

describe('runPipeline checkpoints', () => {
  it('checks between load, expansion and the rules, in that order', () => {
    // Arrange
    const stages: PipelineStage[] = [];

    // Act
    runPipeline({ text: asYaml(topics(3)) }, { expand: 'always', checkpoint: (stage) => stages.push(stage) });

    // Assert
    expect(stages.filter((stage, i) => stage !== stages[i - 1])).toEqual(['load', 'expand', 'rules']);
  });

  it.each<PipelineStage>(['load', 'expand', 'rules'])('lets a checkpoint that throws at %s stop the pipeline', (stop) => {
    // Arrange
    const checkpoint = (stage: PipelineStage): void => {
      if (stage === stop) {
        throw new StopError(stage);
      }
    };

    // Act
    const run = (): unknown => runPipeline({ text: asYaml(topics(3)) }, { expand: 'if-transform', checkpoint });

    // Assert
    expect(run).toThrow(new StopError(stop));
  });
});
