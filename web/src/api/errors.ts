// Turns API problems into plain words: one message for the form and one per field.
import { ApiError } from './client.ts';

/** "/body/shippingAddress/city" -> "shippingAddress.city"; "/query/minPrice" -> "minPrice". */
export function fieldKey(path: string): string {
  return path.split('/').filter(Boolean).slice(1).join('.');
}

const phrasing: [RegExp, (match: RegExpMatchArray) => string][] = [
  [/must NOT have fewer than (\d+) characters?/, (m) => `needs at least ${m[1]} characters`],
  [/must NOT have more than (\d+) characters?/, (m) => `can have at most ${m[1]} characters`],
  [/must NOT have fewer than (\d+) items?/, (m) => `needs at least ${m[1]} ${Number(m[1]) === 1 ? 'entry' : 'entries'}`],
  [/must NOT have more than (\d+) items?/, (m) => `can have at most ${m[1]} entries`],
  [/must be >= (\S+)/, (m) => `must be at least ${m[1]}`],
  [/must be <= (\S+)/, (m) => `must be at most ${m[1]}`],
  [/must match format "email"/, () => 'is not a valid email address'],
  [/must match format "uri"/, () => 'is not a valid web address'],
  [/must match format "date-time"/, () => 'is not a valid date and time'],
  [/must have required property '?([^']+)'?/, () => 'is required'],
  [/must NOT have additional properties/, () => 'is not accepted here'],
  [/must be integer/, () => 'must be a whole number'],
];

export function plainMessage(message: string): string {
  for (const [pattern, say] of phrasing) {
    const match = message.match(pattern);
    if (match) return say(match);
  }
  return message;
}

/** Field errors keyed by field, e.g. {email: "is not a valid email address"}. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const fields: Record<string, string> = {};
  for (const item of error.problem.errors ?? []) {
    const key = fieldKey(item.path);
    if (key && !fields[key]) fields[key] = plainMessage(item.message);
  }
  return fields;
}

/** One sentence a shopper understands, for any failure. */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  const { status, problem, retryAfter } = error;
  if (status === 0) return problem.detail ?? 'Could not reach the shop.';
  if (status === 429) return `Too many attempts. Please wait ${retryAfter ?? 'a few'} seconds and try again.`;
  if (status === 503 || status === 502 || status === 504) return 'Part of the shop is not answering right now. Please try again in a moment.';
  if (status >= 500) return 'The shop ran into a problem. Please try again.';
  if (status === 401) return problem.detail && !/token/i.test(problem.detail) ? problem.detail : 'Please log in to continue.';
  if (status === 403) return problem.detail || 'You are not allowed to do that.';
  if (status === 400 && problem.errors?.length) return 'Please correct the highlighted fields.';
  return problem.detail || problem.title || 'The request could not be completed.';
}
