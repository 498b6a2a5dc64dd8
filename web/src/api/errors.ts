// Turns API problems into plain words: one message for the form and one per field.
import { ApiError } from './client.ts';
import { fieldMessage } from './fieldWords.ts';

/** "/body/shippingAddress/city" -> "shippingAddress.city"; "/query/minPrice" -> "minPrice". */
export function fieldKey(path: string): string {
  return path.split('/').filter(Boolean).slice(1).join('.');
}

/** Field errors keyed by field, each in the shop's words, e.g. {email: "Enter an email address like name@example.com."}. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const fields: Record<string, string> = {};
  for (const item of error.problem.errors ?? []) {
    const key = fieldKey(item.path);
    if (key && !fields[key]) fields[key] = fieldMessage(key, item.message);
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
  // One fault (the services stop at the first) is said as it is, so it reads well whether or not the form shows that field.
  if (status === 400 && problem.errors?.length === 1) return fieldMessage(fieldKey(problem.errors[0].path), problem.errors[0].message);
  if (status === 400 && problem.errors?.length) return 'Please correct the highlighted fields.';
  return problem.detail || problem.title || 'The request could not be completed.';
}
