import { QUOTED_TEXT_LIMIT } from '../../errors';
import { WILDCARD_RESOURCES_SID } from '../../fluentbit/iam';
import { isObject, type Json } from '../../template/intrinsics';
import { defineRule } from '../define-rule';

/** The text of a resource as IAM will read it: a literal, or the body of an Fn::Sub. */
const resourceText = (resource: Json): string | undefined => {
  if (typeof resource === 'string') {
    return resource;
  }
  const sub = isObject(resource) ? resource['Fn::Sub'] : undefined;
  const body = Array.isArray(sub) ? sub[0] : sub;
  return typeof body === 'string' ? body : undefined;
};

/** The end of a long ARN, where the name and its wildcard are (the start is partition, service, region, account). */
const tail = (text: string): string => {
  const chars = Array.from(text);
  return chars.length <= QUOTED_TEXT_LIMIT ? text : `…${chars.slice(-(QUOTED_TEXT_LIMIT - 1)).join('')}`;
};

export const fl1604WildcardResourceGranted = defineRule({
  meta: {
    id: 'FL1604',
    name: 'wildcard-resource-granted',
    severity: 'warning',
    summary: 'Checks that no generated IAM policy grants a wildcard resource the user accepted with FireLens.AllowWildcardResources',
    description:
      'The macro refuses a * or ? written in a name that becomes an IAM resource unless FireLens.AllowWildcardResources is true; it then marks the statements (Sid FireLensAllowWildcardResources), and this rule keeps the wide grant visible on every lint (IAM reads * and ? in a Resource as wildcards: IAM user guide, "IAM JSON policy elements: Resource").',
    docsUrl: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
    tags: ['firelens', 'permissions', 'iam'],
  },
  *check(view) {
    for (const role of view.roles.values()) {
      for (const statement of role.statements) {
        if (statement.sid !== WILDCARD_RESOURCES_SID) {
          continue;
        }
        // A resource from a parameter whose values hold the wildcard shows no `*` itself: every resource is listed.
        const resources = statement.resources.map((r) => tail(resourceText(r) ?? JSON.stringify(r)));
        yield {
          path: statement.path,
          message: `Generated IAM policy of role ${role.logicalId} grants a wildcard resource (${resources.join(', ')}) for ${statement.actions.join(', ')}: FireLens.AllowWildcardResources accepted a * or ? in a name, so every matching resource is reachable`,
        };
      }
    }
  },
});
