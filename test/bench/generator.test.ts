import { generateTemplate } from '../../bench/generate';
import { expandTemplate } from '../../functions/shared/firelens/index';
import { refusal, runPipeline } from '../../functions/shared/pipeline';
import { lintTemplate } from '../../functions/shared/rules/lint';
import type { JsonObject } from '../../functions/shared/template/intrinsics';

const resourceCount = (template: JsonObject): number => Object.keys(template['Resources'] as JsonObject).length;

describe('bench template generator', () => {
  it('yields a small template that expands to exactly the requested resources and lints without errors', () => {
    // Arrange
    const generated = generateTemplate(50);

    // Act
    const expanded = expandTemplate(generated.template);
    const fragment = Object.fromEntries(Object.entries(generated.template).filter(([k]) => k !== 'Transform'));
    const checked = runPipeline({ template: fragment }, { expand: 'fragment' });

    // Assert
    expect(expanded.ok).toBe(true);
    expect(refusal(checked)).toEqual([]);
    if (!expanded.ok) {
      return;
    }
    expect(resourceCount(expanded.fragment)).toBe(50);
    expect(generated.resources).toBe(50);
    expect(resourceCount(generated.template)).toBe(generated.writtenResources);
    expect(generated.fireLensTasks).toBeGreaterThanOrEqual(3);
    expect(lintTemplate(expanded.fragment).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('yields a largest template at CloudFormation limits: 500 resources after expansion, close to 1 MB', () => {
    // Arrange
    const generated = generateTemplate(500);

    // Act
    const expanded = expandTemplate(generated.template);
    const bytes = Buffer.byteLength(JSON.stringify(generated.template));

    // Assert
    expect(expanded.ok && resourceCount(expanded.fragment)).toBe(500);
    expect(bytes).toBeGreaterThan(800 * 1024);
    expect(bytes).toBeLessThanOrEqual(1024 * 1024);
  });

  it('yields the same template for the same size and seed', () => {
    // Arrange, Act
    const first = JSON.stringify(generateTemplate(100).template);
    const second = JSON.stringify(generateTemplate(100).template);

    // Assert
    expect(second).toBe(first);
  });

  it('refuses sizes outside 20 to 500 resources', () => {
    // Arrange, Act, Assert
    expect(() => generateTemplate(501)).toThrow(RangeError);
    expect(() => generateTemplate(10)).toThrow(RangeError);
  });
});
