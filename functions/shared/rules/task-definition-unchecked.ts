/**
 * FL0003, an engine finding: a service whose task definition the rules could not see. The rules that read a
 * task's containers (ports, log routing) then did not run for that service, and saying nothing would read as a
 * pass. Lint reports it as a warning; the hook, failing closed, as an error unless FIRELENS_FAIL_ON_UNCHECKED is
 * false (see hook/unchecked.ts).
 */
import type { TaskDefinitionReference } from '../template/task-definition-reference';
import type { ServiceView } from '../template/view';
import { defineRule } from './define-rule';
import type { RuleMeta } from './types';

export const TASK_DEFINITION_UNCHECKED_META: RuleMeta = {
  id: 'FL0003',
  name: 'task-definition-unchecked',
  severity: 'warning',
  summary: "Checks that every ECS service's task definition could be read: in the template or looked up through ECS",
  docsUrl:
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html#cfn-ecs-service-taskdefinition',
  tags: ['engine'],
};

/** Why one branch of the value could not be read. */
const whyUnread = (reference: TaskDefinitionReference): string => {
  switch (reference.kind) {
    case 'unresolved':
      return reference.reason;
    case 'external':
      return `${reference.reference}, outside the template, which was not looked up`;
    case 'template':
      return `resource ${reference.logicalId}, which the rules do not follow through this value`;
  }
};

const describeUnread = (service: ServiceView): string => {
  const reasons = [...new Set(service.taskDefinitionReferences.map(whyUnread))];
  const chosen = service.taskDefinitionReferences.length > 1 ? 'one of (chosen by Fn::If) ' : '';
  return `${chosen}${reasons.join('; ')}`;
};

export const taskDefinitionUncheckedRule = defineRule({
  meta: TASK_DEFINITION_UNCHECKED_META,
  *check(view) {
    for (const service of view.services) {
      if (service.taskDefinition !== undefined || service.taskDefinitionReferences.length === 0) {
        continue;
      }
      yield {
        path: [...service.path, 'Properties', 'TaskDefinition'],
        message: `task definition not checked: service ${service.logicalId} runs ${describeUnread(service)}; the rules that read its containers (port 24224, log routing) did not run for it`,
      };
    }
  },
});
