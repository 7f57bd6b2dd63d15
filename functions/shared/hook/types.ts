import type { JsonObject } from '../template/intrinsics';

/** The target operations a Lambda hook is invoked for (contracts §2.2–2.5). */
export type HookTargetKind = 'RESOURCE' | 'CLOUD_CONTROL' | 'STACK' | 'CHANGE_SET';

/** CREATE / UPDATE / DELETE from `actionInvocationPoint`; undefined when the event left it out. */
export type HookAction = 'CREATE' | 'UPDATE' | 'DELETE';

interface HookEventBase {
  readonly clientRequestToken: string;
  readonly awsAccountId: string | undefined;
  /** Empty for Cloud Control API callers. */
  readonly stackId: string | undefined;
  readonly changeSetId: string | undefined;
  readonly hookTypeName: string | undefined;
  readonly action: HookAction | undefined;
  /** Attempt number (1-based) from `requestContext.invocation`. */
  readonly invocation: number | undefined;
  readonly targetName: string;
  readonly targetLogicalId: string;
}

/** RESOURCE and CLOUD_CONTROL targets: one resource's proposed properties. */
export interface ResourceHookEvent extends HookEventBase {
  readonly kind: 'RESOURCE' | 'CLOUD_CONTROL';
  readonly resourceProperties: JsonObject;
}

/** STACK and CHANGE_SET targets: the template sits behind a presigned S3 URL. */
export interface TemplateHookEvent extends HookEventBase {
  readonly kind: 'STACK' | 'CHANGE_SET';
  /** Undefined only on delete, where no template is read. */
  readonly payloadUrl: string | undefined;
}

export type HookEvent = ResourceHookEvent | TemplateHookEvent;

export type HookStatus = 'SUCCESS' | 'FAILED' | 'IN_PROGRESS';
export type HookErrorCode = 'NonCompliant' | 'InternalFailure';
export type AnnotationStatus = 'PASSED' | 'FAILED' | 'SKIPPED';
export type AnnotationSeverity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/** One entry of `annotations` (CloudFormation API `Annotation`). */
export interface HookAnnotation {
  readonly annotationName: string;
  readonly status: AnnotationStatus;
  readonly statusMessage?: string;
  readonly remediationMessage?: string;
  readonly remediationLink?: string;
  readonly severityLevel?: AnnotationSeverity;
}

/** What the Lambda returns to CloudFormation (contracts §2.6). */
export interface HookResponse {
  readonly hookStatus: HookStatus;
  readonly errorCode?: HookErrorCode;
  readonly message?: string;
  readonly clientRequestToken: string;
  readonly annotations?: readonly HookAnnotation[];
}
