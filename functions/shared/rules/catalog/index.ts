/** The explicit rule registry: one array, sorted by id. No filesystem scan (esbuild bundles what is imported). */
import type { Rule } from '../types';
import { fl1001RouterMissing } from './fl1001-router-missing';
import { fl1002MultipleRouters } from './fl1002-multiple-routers';
import { fl1003RouterTypeInvalid } from './fl1003-router-type-invalid';
import { fl1004EcsLogMetadataInvalid } from './fl1004-ecs-log-metadata-invalid';
import { fl1005ConfigFileTypeInvalid } from './fl1005-config-file-type-invalid';
import { fl1006S3ConfigOnFargate } from './fl1006-s3-config-on-fargate';
import { fl1007RouterNotEssential } from './fl1007-router-not-essential';
import { fl1008RouterMemoryMissing } from './fl1008-router-memory-missing';
import { fl1009RouterWithoutUsers } from './fl1009-router-without-users';
import { fl1010FirelensWithoutTransform } from './fl1010-firelens-without-transform';
import { fl1011ContentKnownAtDeploy } from './fl1011-content-known-at-deploy';
import { fl1101BufferLimitInvalid } from './fl1101-buffer-limit-invalid';
import { fl1102BufferLimitWrongDriver } from './fl1102-buffer-limit-wrong-driver';
import { fl1103BufferExceedsTaskMemory } from './fl1103-buffer-exceeds-task-memory';
import { fl1104BufferWithoutMemory } from './fl1104-buffer-without-memory';
import { fl1105BufferPlatformVersion } from './fl1105-buffer-platform-version';
import { fl1106ContainerMemoryExceedsTask } from './fl1106-container-memory-exceeds-task';
import { fl1201BridgeDependencyMissing } from './fl1201-bridge-dependency-missing';
import { fl1202BridgeDependencyRequired } from './fl1202-bridge-dependency-required';
import { fl1203DependencyConditionInvalid } from './fl1203-dependency-condition-invalid';
import { fl1204RouterDependsOn } from './fl1204-router-depends-on';
import { fl1205StopTimeoutExceedsRouter } from './fl1205-stop-timeout-exceeds-router';
import { fl1301Port24224Open } from './fl1301-port-24224-open';
import { fl1302Port24224Mapping } from './fl1302-port-24224-mapping';
import { fl1303Port24224Unchecked } from './fl1303-port-24224-unchecked';
import { fl1401OutputOptionMissing } from './fl1401-output-option-missing';
import { fl1402MatchSetByHand } from './fl1402-match-set-by-hand';
import { fl1403EcsTemplatingUnsupported } from './fl1403-ecs-templating-unsupported';
import { fl1404EcsVariablesWithoutInit } from './fl1404-ecs-variables-without-init';
import { fl1405PlaintextSecret } from './fl1405-plaintext-secret';
import { fl1501RouterImageMutableTag } from './fl1501-router-image-mutable-tag';
import { fl1502RouterImageDockerHub } from './fl1502-router-image-docker-hub';
import { fl1601TaskRoleOutputActions } from './fl1601-task-role-output-actions';
import { fl1602S3ConfigExecutionRole } from './fl1602-s3-config-execution-role';
import { fl1603ExecutionRoleSecrets } from './fl1603-execution-role-secrets';
import { fl1604WildcardResourceGranted } from './fl1604-wildcard-resource-granted';
import { fl1701WindowsUnsupported } from './fl1701-windows-unsupported';
import { fl1702BottlerocketUnsupported } from './fl1702-bottlerocket-unsupported';

export const catalog: readonly Rule[] = [
  fl1001RouterMissing,
  fl1002MultipleRouters,
  fl1003RouterTypeInvalid,
  fl1004EcsLogMetadataInvalid,
  fl1005ConfigFileTypeInvalid,
  fl1006S3ConfigOnFargate,
  fl1007RouterNotEssential,
  fl1008RouterMemoryMissing,
  fl1009RouterWithoutUsers,
  fl1010FirelensWithoutTransform,
  fl1011ContentKnownAtDeploy,
  fl1101BufferLimitInvalid,
  fl1102BufferLimitWrongDriver,
  fl1103BufferExceedsTaskMemory,
  fl1104BufferWithoutMemory,
  fl1105BufferPlatformVersion,
  fl1106ContainerMemoryExceedsTask,
  fl1201BridgeDependencyMissing,
  fl1202BridgeDependencyRequired,
  fl1203DependencyConditionInvalid,
  fl1204RouterDependsOn,
  fl1205StopTimeoutExceedsRouter,
  fl1301Port24224Open,
  fl1302Port24224Mapping,
  fl1303Port24224Unchecked,
  fl1401OutputOptionMissing,
  fl1402MatchSetByHand,
  fl1403EcsTemplatingUnsupported,
  fl1404EcsVariablesWithoutInit,
  fl1405PlaintextSecret,
  fl1501RouterImageMutableTag,
  fl1502RouterImageDockerHub,
  fl1601TaskRoleOutputActions,
  fl1602S3ConfigExecutionRole,
  fl1603ExecutionRoleSecrets,
  fl1604WildcardResourceGranted,
  fl1701WindowsUnsupported,
  fl1702BottlerocketUnsupported,
];
