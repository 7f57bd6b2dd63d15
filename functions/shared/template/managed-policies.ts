/**
 * AWS managed policies whose document the rules know, so a role holding one can still be judged. Any
 * other managed policy makes the role's permissions unknown. Each document is copied from its AWS
 * reference; AWS may add actions to a managed policy, never (in practice) remove the ones listed.
 */
import type { Json } from './intrinsics';
import { isObject, literalString } from './intrinsics';

export interface ManagedPolicyStatement {
  readonly actions: readonly string[];
  readonly resources: readonly Json[];
}

/**
 * AmazonECSTaskExecutionRolePolicy: image pulls from ECR and awslogs writes, on every resource. ECS
 * developer guide, "Amazon ECS task execution IAM role":
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_execution_IAM_role.html
 */
const ECS_TASK_EXECUTION: readonly ManagedPolicyStatement[] = [
  {
    actions: [
      'ecr:GetAuthorizationToken',
      'ecr:BatchCheckLayerAvailability',
      'ecr:GetDownloadUrlForLayer',
      'ecr:BatchGetImage',
      'logs:CreateLogStream',
      'logs:PutLogEvents',
    ],
    resources: ['*'],
  },
];

const KNOWN: ReadonlyMap<string, readonly ManagedPolicyStatement[]> = new Map([
  ['service-role/AmazonECSTaskExecutionRolePolicy', ECS_TASK_EXECUTION],
]);

/** `arn:aws:iam::aws:policy/<path+name>`, literal or with `${AWS::Partition}` in an Fn::Sub. */
const AWS_MANAGED_ARN = /^arn:(?:aws|aws-cn|aws-us-gov|\$\{AWS::Partition\}):iam::aws:policy\/(.+)$/;

const arnText = (value: Json): string | undefined => {
  const sub = isObject(value) ? value['Fn::Sub'] : undefined;
  return literalString(value) ?? literalString(sub);
};

/** The statements of a known AWS managed policy ARN; undefined for any other policy (unknown permissions). */
export const managedPolicyStatements = (value: Json): readonly ManagedPolicyStatement[] | undefined => {
  const match = AWS_MANAGED_ARN.exec(arnText(value) ?? '');
  return match?.[1] === undefined ? undefined : KNOWN.get(match[1]);
};
