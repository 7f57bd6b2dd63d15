/**
 * The network part of the template view: port mappings, security groups and their ingress, and the
 * security groups a task or host is attached through. Everything the port-24224 rules (FL1301–FL1303) read.
 * Like the rest of the view it never evaluates intrinsics.
 */
import {
  isIntrinsic,
  isObject,
  type Json,
  type JsonObject,
  literalInteger,
  literalString,
  possibleValues,
  referencedResource,
} from './intrinsics';
import type { TemplatePath } from './locator';

const asObject = (value: unknown): JsonObject | undefined => (isObject(value) && !isIntrinsic(value) ? value : undefined);

const asArray = (value: unknown): readonly Json[] => (Array.isArray(value) ? (value as Json[]) : []);

export interface PortMappingView {
  readonly containerPort: number | undefined;
  readonly hostPort: number | undefined;
  readonly path: TemplatePath;
}

export interface IngressRuleView {
  readonly path: TemplatePath;
  /** Literal protocol, lower-cased ("tcp", "-1", "6", "all"). */
  readonly protocol: string | undefined;
  readonly fromPort: number | undefined;
  readonly toPort: number | undefined;
  /** Human description of where traffic may come from. */
  readonly source: string;
}

export interface SecurityGroupView {
  readonly logicalId: string;
  readonly path: TemplatePath;
  /** Inline rules plus standalone `AWS::EC2::SecurityGroupIngress` resources that target this group. */
  readonly ingress: readonly IngressRuleView[];
}

export const readPortMappings = (value: unknown, path: TemplatePath): PortMappingView[] =>
  asArray(value).map((entry, i): PortMappingView => {
    const obj = asObject(entry);
    return {
      containerPort: literalInteger(obj?.['ContainerPort']),
      hostPort: literalInteger(obj?.['HostPort']),
      path: [...path, 'PortMappings', i],
    };
  });

/** Logical ids of template resources among a list of Refs / GetAtts (each Fn::If branch counted). */
export const referencedIds = (value: unknown, resources: JsonObject): string[] => {
  const ids: string[] = [];
  for (const list of possibleValues(value)) {
    for (const item of asArray(list)) {
      for (const candidate of possibleValues(item)) {
        const id = referencedResource(candidate, resources);
        if (id !== undefined) {
          ids.push(id);
        }
      }
    }
  }
  return ids;
};

const sourceOf = (rule: JsonObject): string => {
  const cidr = literalString(rule['CidrIp']);
  if (cidr !== undefined || rule['CidrIp'] !== undefined) {
    return `CIDR ${cidr ?? '(computed)'}`;
  }
  const cidr6 = literalString(rule['CidrIpv6']);
  if (cidr6 !== undefined || rule['CidrIpv6'] !== undefined) {
    return `IPv6 CIDR ${cidr6 ?? '(computed)'}`;
  }
  if (rule['SourcePrefixListId'] !== undefined) {
    return 'a prefix list';
  }
  if (rule['SourceSecurityGroupId'] !== undefined || rule['SourceSecurityGroupName'] !== undefined) {
    return 'another security group';
  }
  return 'an unspecified source';
};

export const readIngress = (rule: JsonObject, path: TemplatePath): IngressRuleView => ({
  path,
  protocol: (
    literalString(rule['IpProtocol']) ?? (typeof rule['IpProtocol'] === 'number' ? String(rule['IpProtocol']) : undefined)
  )?.toLowerCase(),
  fromPort: literalInteger(rule['FromPort']),
  toPort: literalInteger(rule['ToPort']),
  source: sourceOf(rule),
});
