import { fl1501RouterImageMutableTag } from '../../functions/shared/rules/catalog/fl1501-router-image-mutable-tag';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(fl1501RouterImageMutableTag, {
  valid: ['good/fargate-service-complete.yaml', 'bad/FL1501/ok-sub-pinned-tag.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1501/no-tag.yaml',
      findings: [
        {
          ruleId: 'FL1501',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image'],
          line: 9,
          column: 11,
          message: 'Log router log_router uses public.ecr.aws/aws-observability/aws-for-fluent-bit: no tag means latest; pin a version',
        },
      ],
    },
    {
      fixture: 'bad/FL1501/ssm-parameter-latest.yaml',
      findings: [
        {
          ruleId: 'FL1501',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image'],
          line: 13,
          column: 11,
          message: 'Log router log_router uses /aws/service/aws-for-fluent-bit/latest: "latest" is a mutable tag; pin a version',
        },
      ],
    },
    {
      fixture: 'bad/FL1501/stable-tag.yaml',
      findings: [
        {
          ruleId: 'FL1501',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image'],
          line: 9,
          column: 11,
          message:
            'Log router log_router uses public.ecr.aws/aws-observability/aws-for-fluent-bit:stable: "stable" is a mutable tag; pin a version',
        },
      ],
    },
    {
      fixture: 'bad/FL1501/sub-latest.yaml',
      findings: [
        {
          ruleId: 'FL1501',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image'],
          line: 9,
          column: 11,
          message: 'Log router log_router uses ${…}.dkr.ecr.${…}.amazonaws.com/firelens-repository:latest: "latest" is a mutable tag',
        },
      ],
    },
    {
      fixture: 'bad/FL1501/join-no-tag.yaml',
      findings: [
        {
          ruleId: 'FL1501',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image'],
          line: 9,
          column: 11,
          message: 'Log router log_router uses ${…}.dkr.ecr.${…}.amazonaws.com/firelens: no tag means latest',
        },
      ],
    },
    {
      fixture: 'bad/FL1501/if-one-branch-latest.yaml',
      findings: [
        {
          ruleId: 'FL1501',
          // Scenario linting places it in the branch that is mutable and names the condition.
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image', 'Fn::If', 2],
          line: 18,
          column: 15,
          message:
            'Log router log_router uses public.ecr.aws/aws-observability/aws-for-fluent-bit:latest: "latest" is a mutable tag; pin a version (when condition IsProd is false)',
        },
      ],
    },
    {
      fixture: 'bad/FL1501/sub-parameter-allowed-stable.yaml',
      findings: [
        {
          ruleId: 'FL1501',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image'],
          line: 14,
          column: 11,
          message: 'uses public.ecr.aws/aws-observability/aws-for-fluent-bit:stable: "stable" is a mutable tag',
        },
      ],
    },
    {
      fixture: 'bad/FL1501/ref-parameter-without-values.yaml',
      findings: [
        {
          ruleId: 'FL1501',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Image'],
          line: 12,
          column: 11,
          message:
            'Log router log_router uses a value known only at deploy: its tag is only known at deploy, so whether it is pinned cannot be checked',
          severity: 'informational',
        },
      ],
    },
  ],
});
