import { fl1501RouterImageMutableTag } from '../../functions/shared/rules/catalog/fl1501-router-image-mutable-tag';
import { ruleTester } from '../helpers/rule-tester';

ruleTester(fl1501RouterImageMutableTag, {
  valid: ['good/fargate-service-complete.yaml'],
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
  ],
});
