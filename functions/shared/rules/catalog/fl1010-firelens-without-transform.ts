import { defineRule } from '../define-rule';

export const fl1010FirelensWithoutTransform = defineRule({
  meta: {
    id: 'FL1010',
    name: 'firelens-without-transform',
    severity: 'error',
    summary: 'Checks that a template using the FireLens property declares the FireLens macro in its Transform',
    description:
      'FireLens is a property of the macro, not of AWS::ECS::TaskDefinition: without "Transform: FireLensMacro" (or the name set by --macro-name / the hook\'s MacroName) CloudFormation refuses the stack with "Encountered unsupported property FireLens". Lint and the hook expand templates that declare the transform first, so this rule only sees FireLens properties nothing will expand.',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_firelens.html',
    tags: ['firelens', 'macro', 'template'],
  },
  *check(view, options) {
    if (view.transforms.includes(options.macroName)) {
      return;
    }
    for (const task of view.taskDefinitions) {
      const [first] = task.fireLensPropertyPaths;
      if (first !== undefined && !task.external) {
        yield {
          path: first,
          message: `${task.logicalId} uses the FireLens property but the template has no "Transform: ${options.macroName}": CloudFormation refuses it as an unsupported property; add the transform (or set the macro's name with --macro-name)`,
        };
      }
    }
  },
});
