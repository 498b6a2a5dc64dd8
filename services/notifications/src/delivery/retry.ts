/** How long to wait after the `attempts`-th failed attempt: doubling from `baseMs`, at most `maxMs`. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
}

/** After a failed attempt: try again later, or give up (a permanent refusal, or no attempts left). */
export function afterFailure(attempts: number, maxAttempts: number, permanent: boolean): 'retry' | 'fail' {
  return permanent || attempts >= maxAttempts ? 'fail' : 'retry';
}
