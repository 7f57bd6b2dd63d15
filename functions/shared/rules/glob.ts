/**
 * IAM's wildcard match: `*` any run of characters, `?` any one, everything else itself. Rules compare
 * actions (`logs:Put*`) and resources (`arn:aws:logs:*:*:log-group:/app:*`) with it for every statement of
 * every role a task uses. Two indexes and one backtrack point, no RegExp built per call: linear for one `*`,
 * at most pattern × text steps, whatever the template holds.
 */
import { QUESTION, STAR } from '../char-codes';

export const globMatches = (pattern: string, text: string): boolean => {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = pattern.charCodeAt(p);
    if (c === STAR) {
      star = p;
      p += 1;
      resume = t;
    } else if (p < pattern.length && (c === QUESTION || c === text.charCodeAt(t))) {
      p += 1;
      t += 1;
    } else if (star >= 0) {
      p = star + 1;
      resume += 1;
      t = resume;
    } else {
      return false;
    }
  }
  while (pattern.charCodeAt(p) === STAR) {
    p += 1;
  }
  return p === pattern.length;
};

/** IAM action names are case-insensitive (`Logs:putlogevents` grants `logs:PutLogEvents`). */
export const actionMatches = (pattern: string, action: string): boolean => globMatches(pattern.toLowerCase(), action.toLowerCase());
