import { cutText, type Problem } from '../errors';
import { compareFindings } from '../rules/engine';
import type { Finding, RuleMeta, Severity } from '../rules/types';
import { pathString } from '../template/locator';
import type { AnnotationSeverity, HookAnnotation, HookResponse } from './types';

/**
 * The stricter of the documented limits: `HookStatusReason` (CloudFormation API) and the Cloud
 * Control API message are both 1,024 characters, so every message is cut to that.
 */
export const MESSAGE_LIMIT = 1024;
/** CloudFormation API `Annotation.StatusMessage`/`AnnotationName`: kept within the same 1,024 characters. */
const ANNOTATION_TEXT_LIMIT = 1024;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, informational: 2 };

const ANNOTATION_SEVERITY: Readonly<Record<Severity, AnnotationSeverity>> = {
  error: 'HIGH',
  warning: 'MEDIUM',
  informational: 'INFORMATIONAL',
};

export interface ReportOptions {
  readonly clientRequestToken: string;
  /** Warnings fail the hook as errors do. Informational findings never fail it. */
  readonly warningsAsErrors: boolean;
  /** The rule catalogue, for one annotation per rule (PASSED / FAILED / SKIPPED). */
  readonly rules?: readonly RuleMeta[];
  /** Rule ids that did not run in this configuration, each with why (reported SKIPPED). */
  readonly skippedRuleIds?: ReadonlyMap<string, string>;
  /** Rule ids whose findings the template suppressed (as the hook allows), each with who (reported SKIPPED). */
  readonly suppressedBy?: ReadonlyMap<string, string>;
  /** Short remarks that go right after the summary (they are never cut off by the findings). */
  readonly notes?: readonly string[];
}

/** `FL1301 Resources/Task/Properties/…: message` */
const formatFinding = (finding: Finding): string =>
  finding.path.length > 0 ? `${finding.ruleId} ${pathString(finding.path)}: ${finding.message}` : `${finding.ruleId}: ${finding.message}`;

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Most severe first (a message cut to 1,024 characters must keep the errors), then the engine's own
 * order: line, column, rule id, path. Total and locale-free, so the same findings give the same message.
 */
const bySeverityThenPosition = (a: Finding, b: Finding): number =>
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || compareFindings(a, b);

const plural = (count: number, word: string): string => `${String(count)} ${word}${count === 1 ? '' : 's'}`;

const countsOf = (findings: readonly Finding[]): string => {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const infos = findings.length - errors - warnings;
  const parts = [plural(errors, 'error'), plural(warnings, 'warning')];
  return infos > 0 ? [...parts, `${String(infos)} informational`].join(', ') : parts.join(', ');
};

/**
 * The hook's answer for a template it could evaluate: SUCCESS when nothing fails, otherwise FAILED
 * with `NonCompliant`, a bounded message that lists the findings most severe first, and annotations.
 */
export const buildComplianceResponse = (findings: readonly Finding[], options: ReportOptions): HookResponse => {
  const sorted = [...findings].sort(bySeverityThenPosition);
  const failing = sorted.filter((f) => f.severity === 'error' || (options.warningsAsErrors && f.severity === 'warning'));
  const verdict = failing.length > 0 ? 'not compliant' : 'compliant';
  const summary = sorted.length === 0 ? `FireLens hook: ${verdict}, no findings` : `FireLens hook: ${verdict}, ${countsOf(sorted)}`;
  const head = [summary, ...(options.notes ?? [])].join('. ');
  const message = listWithinLimit(head, sorted.map(formatFinding), 'finding');
  const annotations = buildAnnotations(sorted, options);
  const common = { clientRequestToken: options.clientRequestToken, message, annotations };
  return failing.length > 0 ? { hookStatus: 'FAILED', errorCode: 'NonCompliant', ...common } : { hookStatus: 'SUCCESS', ...common };
};

/** The hook's answer when the FireLens macro refused the template: every problem, like findings. */
export const buildExpansionFailureResponse = (
  problems: readonly Problem[],
  options: Pick<ReportOptions, 'clientRequestToken'> & { readonly macroName: string },
): HookResponse => {
  const entries = problems.map((p) => `${options.macroName} ${pathString(p.path)}: ${p.message}`).sort(compareText);
  const head = `FireLens hook: not compliant, the ${options.macroName} transform cannot expand the template (${plural(problems.length, 'problem')})`;
  return {
    hookStatus: 'FAILED',
    errorCode: 'NonCompliant',
    clientRequestToken: options.clientRequestToken,
    message: listWithinLimit(head, entries, 'problem'),
  };
};

/** A SUCCESS with a short reason (delete, empty template). */
export const buildSkippedResponse = (clientRequestToken: string, reason: string): HookResponse => ({
  hookStatus: 'SUCCESS',
  clientRequestToken,
  message: cutText(`FireLens hook: ${reason}`, MESSAGE_LIMIT),
});

/**
 * `head: e1; e2; …; … and N more findings`, never longer than `limit` characters. Entries are kept
 * whole and in order while they fit with room left for the "more" suffix; if not even the first fits,
 * it is cut with an ellipsis. Same input, same output.
 */
export const listWithinLimit = (head: string, entries: readonly string[], noun: string, limit = MESSAGE_LIMIT): string => {
  if (entries.length === 0) {
    return cutText(head, limit);
  }
  if (joinedLength(head, entries, limit) <= limit) {
    return `${head}: ${entries.join('; ')}`;
  }
  const suffix = (rest: number): string => `; … and ${String(rest)} more ${noun}${rest === 1 ? '' : 's'}`;
  let text = `${cutText(head, Math.floor(limit / 2))}:`;
  let shown = 0;
  for (const entry of entries) {
    const rest = entries.length - shown - 1;
    const candidate = `${text}${shown === 0 ? ' ' : '; '}${entry}`;
    if (candidate.length + (rest > 0 ? suffix(rest).length : 0) > limit) {
      break;
    }
    text = candidate;
    shown += 1;
  }
  if (shown === 0) {
    const rest = entries.length - 1;
    const room = limit - text.length - 1 - (rest > 0 ? suffix(rest).length : 0);
    text = `${text} ${cutText(entries[0] ?? '', room)}`;
    shown = 1;
  }
  const rest = entries.length - shown;
  return rest > 0 ? `${text}${suffix(rest)}` : text;
};

/** The length of `head: e1; e2; …`, counted only until it passes `limit` (40,000 findings are not joined to be measured). */
const joinedLength = (head: string, entries: readonly string[], limit: number): number => {
  let length = head.length + 2 + (entries[0]?.length ?? 0);
  for (let i = 1; i < entries.length && length <= limit; i += 1) {
    length += 2 + (entries[i]?.length ?? 0);
  }
  return length;
};

const buildAnnotations = (sorted: readonly Finding[], options: ReportOptions): HookAnnotation[] => {
  const byRule = new Map<string, Finding[]>();
  for (const finding of sorted) {
    const found = byRule.get(finding.ruleId);
    if (found === undefined) {
      byRule.set(finding.ruleId, [finding]);
    } else {
      found.push(finding);
    }
  }
  const annotations: HookAnnotation[] = [];
  const catalogued = new Set<string>();
  for (const rule of [...(options.rules ?? [])].sort((a, b) => compareText(a.id, b.id))) {
    catalogued.add(rule.id);
    const found = byRule.get(rule.id);
    const base = {
      annotationName: cutText(`${rule.id} ${rule.name}`, ANNOTATION_TEXT_LIMIT),
      remediationMessage: cutText(rule.summary, ANNOTATION_TEXT_LIMIT),
      remediationLink: rule.docsUrl,
      severityLevel: ANNOTATION_SEVERITY[rule.severity],
    };
    if (found) {
      annotations.push({ ...base, status: 'FAILED', statusMessage: statusMessageOf(found) });
    } else if (skippedBecause(rule.id, options) !== undefined) {
      annotations.push({
        ...base,
        status: 'SKIPPED',
        statusMessage: cutText(skippedBecause(rule.id, options) ?? '', ANNOTATION_TEXT_LIMIT),
      });
    } else {
      annotations.push({ ...base, status: 'PASSED' });
    }
  }
  // Findings from rules outside the catalogue (engine findings such as a crashed rule) still show.
  for (const [ruleId, found] of [...byRule].sort(([a], [b]) => compareText(a, b))) {
    if (!catalogued.has(ruleId)) {
      const severity = found[0]?.severity ?? 'error';
      annotations.push({
        annotationName: cutText(ruleId, ANNOTATION_TEXT_LIMIT),
        status: 'FAILED',
        statusMessage: statusMessageOf(found),
        severityLevel: ANNOTATION_SEVERITY[severity],
      });
    }
  }
  return annotations;
};

/** Why a rule without findings did not pass: the hook's own configuration, or a suppression it allowed. */
const skippedBecause = (ruleId: string, options: ReportOptions): string | undefined =>
  options.skippedRuleIds?.get(ruleId) ?? options.suppressedBy?.get(ruleId);

const statusMessageOf = (found: readonly Finding[]): string =>
  listWithinLimit(plural(found.length, 'finding'), found.map(formatFinding), 'finding', ANNOTATION_TEXT_LIMIT);
