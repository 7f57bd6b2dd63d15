import { fl1702BottlerocketUnsupported } from '../../functions/shared/rules/catalog/fl1702-bottlerocket-unsupported';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1702BottlerocketUnsupported, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1301/host-mode-launch-template.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1702/launch-template-bottlerocket.yaml',
      findings: [
        {
          ruleId: 'FL1702',
          path: ['Resources', 'LaunchTemplate', 'Properties', 'LaunchTemplateData', 'ImageId'],
          line: 33,
          column: 9,
          message:
            'LaunchTemplate boots Bottlerocket (/aws/service/bottlerocket/aws-ecs-2/x86_64/latest/image_id), which does not support FireLens used by Task',
        },
        {
          ruleId: 'FL1702',
          path: ['Resources', 'Instance', 'Properties', 'ImageId'],
          line: 37,
          column: 7,
          message:
            'Instance boots Bottlerocket ({{resolve:ssm:/aws/service/bottlerocket/aws-ecs-1/arm64/latest/image_id}}), which does not support FireLens used by Task',
        },
      ],
    },
  ],
});
