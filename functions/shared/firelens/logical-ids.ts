/**
 * The logical ids of the resources the macro generates: `<Task><Suffix>` (`WebFireLensTaskRole`). CloudFormation
 * takes logical ids of at most 255 characters, so a longer one keeps a readable start of the task's id and the
 * suffix, with a short hash of the full id between them: the same input always gives the same id, and two full
 * ids that differ give different short ones (their hashes differ).
 */

/** The longest logical id CloudFormation accepts (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html). */
const MAX_LOGICAL_ID_LENGTH = 255;

const HASH_LENGTH = 8;

/**
 * FNV-1a (32-bit) as 8 lower-case base-36 digits: alphanumeric, as logical ids must be, and no crypto module
 * in the macro's bundle. Not a security hash: it only has to tell apart ids that share their first 240 characters.
 */
const shortHash = (text: string): string => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(HASH_LENGTH, '0');
};

/**
 * `<head><tail>` when it fits in `max` characters; otherwise the start of `head`, a hash of the whole name, and
 * `tail`, together exactly `max` characters long.
 */
export const boundedName = (head: string, tail: string, max: number): string => {
  const full = `${head}${tail}`;
  if (full.length <= max) {
    return full;
  }
  const keep = Math.max(0, max - HASH_LENGTH - tail.length);
  return `${head.slice(0, keep)}${shortHash(full)}${tail}`.slice(0, max);
};

/** `<taskLogicalId><suffix>`, shortened to {@link MAX_LOGICAL_ID_LENGTH} as described above when longer. */
export const generatedLogicalId = (taskLogicalId: string, suffix: string): string =>
  boundedName(taskLogicalId, suffix, MAX_LOGICAL_ID_LENGTH);

/** IAM policy names are at most 128 characters (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html). */
export const MAX_POLICY_NAME_LENGTH = 128;
