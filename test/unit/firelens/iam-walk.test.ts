import { basename } from 'node:path';

import fc from 'fast-check';

import { expandFragment, expandTemplate } from '../../../functions/shared/firelens';
import type { JsonObject } from '../../../functions/shared/template/intrinsics';
import { exampleFiles, fargateTaskTemplate, goldenCases, loadTemplateFile, macroEventFiles, readMacroEvent } from '../../helpers/fixtures';
import { auditGeneratedIam } from '../../helpers/iam-audit';
import { fireLensTemplate, hostileNameTemplate, mutatedTemplate } from '../../property/arbitraries';
import { PROPERTY_RUNS } from '../../property/run-counts';

/** The fixtures the macro expands (golden cases, examples, macro events), each with its expansion. */
const expansions = (): [string, JsonObject, JsonObject][] =>
  [
    ...goldenCases().map((c): [string, JsonObject] => [`golden ${c.name}`, loadTemplateFile(c.inputPath)]),
    ...exampleFiles().map((file): [string, JsonObject] => [`example ${basename(file)}`, loadTemplateFile(file)]),
    ...macroEventFiles().map((file): [string, JsonObject] => [`event ${file}`, readMacroEvent(file)['fragment'] as JsonObject]),
  ].flatMap(([name, template]): [string, JsonObject, JsonObject][] => {
    const result = expandTemplate(template);
    return result.ok && result.expanded.length > 0 ? [[name, template, result.fragment]] : [];
  });

describe('the IAM the macro generates', () => {
  it('covers every fixture that expands', () => {
    expect(expansions().length).toBeGreaterThanOrEqual(goldenCases().length);
  });

  it.each(expansions())(
    '%s: grants nothing beyond the destination, no stray wildcard, every trust with aws:SourceAccount',
    (_name, input, output) => {
      expect(auditGeneratedIam(input, output)).toEqual([]);
    },
  );

  const auditExpansion = (fragment: JsonObject, shape: string): void => {
    const result = expandFragment(fragment);
    if (!result.ok) {
      return; // refused templates generate nothing
    }
    const problems = auditGeneratedIam(fragment, result.fragment);
    if (problems.length > 0) {
      throw new Error(`${shape}:\n${problems.join('\n')}`);
    }
  };

  it('of generated valid templates of every shape', () => {
    fc.assert(
      fc.property(fireLensTemplate(), (c) => {
        auditExpansion(c.fragment, c.shape);
      }),
      { numRuns: PROPERTY_RUNS.iamWalkValid },
    );
  });

  it('of generated mutations that still expand', () => {
    fc.assert(
      fc.property(mutatedTemplate(), (c) => {
        auditExpansion(c.fragment, `${c.shape} + ${c.mutations.join(', ')}`);
      }),
      { numRuns: PROPERTY_RUNS.iamWalkMutated },
    );
  });
});

describe('the IAM of templates with hostile names (* or ? in a field that becomes an IAM resource)', () => {
  it('is refused naming the field, or passes the audit with no stray wildcard', () => {
    fc.assert(
      fc.property(hostileNameTemplate(), (c) => {
        const result = expandFragment(c.fragment);
        if (result.ok) {
          const problems = auditGeneratedIam(c.fragment, result.fragment);
          if (problems.length > 0) {
            throw new Error(`${c.shape} expanded:\n${problems.join('\n')}`);
          }
          return;
        }
        // Refused: when the same template with an exact name expands, the refusal must name the field.
        const named = result.problems.some((p) => JSON.stringify(p.path) === JSON.stringify(c.path));
        if (expandFragment(c.clean).ok && !named) {
          throw new Error(`${c.shape}: refused without naming ${c.path.join('.')}:\n${result.problems.map((p) => p.message).join('\n')}`);
        }
      }),
      { numRuns: PROPERTY_RUNS.iamWalkHostile },
    );
  });
});

describe('auditGeneratedIam (the audit itself)', () => {
  const expanded = (): { input: JsonObject; output: JsonObject } => {
    const input = fargateTaskTemplate('{Firehose: {DeliveryStreamName: app-stream}}');
    const result = expandFragment(input);
    if (!result.ok) {
      throw new Error(JSON.stringify(result.problems));
    }
    return { input, output: result.fragment };
  };
  const roles = (output: JsonObject): Record<string, JsonObject> => output['Resources'] as Record<string, JsonObject>;
  const taskStatements = (output: JsonObject): JsonObject[] =>
    (
      ((roles(output)['TaskFireLensTaskRole']?.['Properties'] as JsonObject)['Policies'] as JsonObject[])[0]?.[
        'PolicyDocument'
      ] as JsonObject
    )['Statement'] as JsonObject[];

  it('finds nothing wrong with a plain Firehose expansion', () => {
    const { input, output } = expanded();

    expect(auditGeneratedIam(input, output)).toEqual([]);
  });

  it('flags an action the destination does not need', () => {
    const { input, output } = expanded();
    taskStatements(output).push({ Effect: 'Allow', Action: ['s3:DeleteObject'], Resource: ['arn:aws:s3:::b/*'] });

    expect(auditGeneratedIam(input, output)).toEqual(["TaskFireLensTaskRole: s3:DeleteObject, which the task's log routing does not need"]);
  });

  it('flags a wildcard action, a "*" resource and a name-level wildcard', () => {
    const { input, output } = expanded();
    const [statement] = taskStatements(output);
    if (statement === undefined) {
      throw new Error('the expanded task role has no statement');
    }
    statement['Action'] = ['firehose:*'];
    taskStatements(output).push({ Effect: 'Allow', Action: ['firehose:PutRecordBatch'], Resource: '*' });
    taskStatements(output).push({
      Effect: 'Allow',
      Action: ['firehose:PutRecordBatch'],
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/*' },
    });

    expect(auditGeneratedIam(input, output)).toEqual([
      'TaskFireLensTaskRole: the wildcard or non-literal action "firehose:*"',
      'TaskFireLensTaskRole: Resource "*" for ["firehose:PutRecordBatch"]; only ecr:GetAuthorizationToken may have it',
      'TaskFireLensTaskRole: the name-level wildcard in arn:${AWS::Partition}:firehose:${AWS::Region}:${AWS::AccountId}:deliverystream/*, though the task names its destination',
    ]);
  });

  it('flags a trust policy without aws:SourceAccount and a foreign managed policy', () => {
    const { input, output } = expanded();
    const role = roles(output)['TaskFireLensExecutionRole']?.['Properties'] as JsonObject;
    const [trust] = (role['AssumeRolePolicyDocument'] as JsonObject)['Statement'] as JsonObject[];
    if (trust === undefined) {
      throw new Error('the execution role has no trust statement');
    }
    delete trust['Condition'];
    role['ManagedPolicyArns'] = ['arn:aws:iam::aws:policy/AdministratorAccess'];

    expect(auditGeneratedIam(input, output)).toEqual([
      'TaskFireLensExecutionRole: a trust policy without the aws:SourceAccount condition on the stack account (confused deputy)',
      'TaskFireLensExecutionRole: attaches the managed policy "arn:aws:iam::aws:policy/AdministratorAccess"',
    ]);
  });
});
