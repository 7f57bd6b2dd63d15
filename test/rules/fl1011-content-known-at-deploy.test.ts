import { fl1011ContentKnownAtDeploy } from '../../functions/shared/rules/catalog/fl1011-content-known-at-deploy';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1011ContentKnownAtDeploy, {
  valid: [...GOOD_TEMPLATES],
  invalid: [
    {
      fixture: 'bad/FL1011/include-router.yaml',
      findings: [
        {
          ruleId: 'FL1011',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1],
          line: 18,
          column: 11,
          message: 'Task includes container definitions with Fn::Transform (AWS::Include): they are known only at deploy',
        },
      ],
    },
    {
      fixture: 'bad/FL1011/include-inside-container.yaml',
      findings: [
        {
          ruleId: 'FL1011',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 0, 'Fn::Transform'],
          line: 11,
          column: 11,
          message: 'Task includes container definitions with Fn::Transform (AWS::Include)',
        },
      ],
    },
    {
      fixture: 'bad/FL1011/for-each-task-definitions.yaml',
      findings: [
        {
          ruleId: 'FL1011',
          path: ['Resources', 'Fn::ForEach::Services'],
          line: 4,
          column: 3,
          message:
            'Fn::ForEach::Services makes task definitions (${Service}Task) only when the AWS::LanguageExtensions transform runs: they are not checked',
        },
      ],
    },
  ],
});
