import { defineRule } from '../define-rule';

export const fl1011ContentKnownAtDeploy = defineRule({
  meta: {
    id: 'FL1011',
    name: 'content-known-at-deploy',
    severity: 'informational',
    summary: 'Checks that no task definition content is hidden from the rules by AWS::Include or Fn::ForEach',
    description:
      'Container definitions added by Fn::Transform AWS::Include, and task definitions made by Fn::ForEach (AWS::LanguageExtensions), exist only once CloudFormation processes the template; the rules cannot see them, so they are reported as not checked (never as fine). Lint the processed template to check them.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html',
    tags: ['firelens', 'template'],
  },
  *check(view) {
    for (const task of view.taskDefinitions) {
      for (const path of task.includedContainerPaths) {
        yield {
          path,
          message: `${task.logicalId} includes container definitions with Fn::Transform (AWS::Include): they are known only at deploy, so the FireLens checks that need them (a router, its users, their options) cannot run on them; lint the processed template`,
        };
      }
    }
    for (const loop of view.forEachTaskDefinitions) {
      yield {
        path: loop.path,
        message: `${loop.key} makes task definitions (${loop.logicalIds.join(', ')}) only when the AWS::LanguageExtensions transform runs: they are not checked; lint the processed template`,
      };
    }
  },
});
