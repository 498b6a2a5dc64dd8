import { createHash } from 'node:crypto';

export interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** Long enough for a reloaded page to load and ask again; short enough to add little to a stolen cookie. */
const WINDOW_MS = 10_000;

/**
 * Refreshes by cookie answered a moment ago, by the token they spent. A page reloaded while its
 * refresh is on the way loses the answer (and its new cookie) with the page, though the users
 * service has spent the token; the next page sends the same cookie, which users would take for a
 * stolen token and end the session: a quick double reload would sign people out. So for a few
 * seconds the same token gets the same answer, and requests that arrive together share one.
 * Per gateway instance, in memory (see gateway/README.md).
 */
export class RecentRefreshes {
  private readonly answers = new Map<string, { at: number; answer: Promise<Answer> }>();

  constructor(private readonly now: () => number = Date.now) {}

  share(token: string, ask: () => Promise<Answer>): Promise<Answer> {
    this.forgetOld();
    const key = createHash('sha256').update(token).digest('base64url');
    const known = this.answers.get(key);
    if (known) return known.answer;
    const answer = ask();
    this.answers.set(key, { at: this.now(), answer });
    // Only a new session is worth repeating; a refusal or a failure is asked again next time.
    const forget = () => this.answers.delete(key);
    answer.then((a) => a.statusCode === 200 || forget(), forget);
    return answer;
  }

  private forgetOld(): void {
    const oldest = this.now() - WINDOW_MS;
    for (const [key, entry] of this.answers) {
      if (entry.at > oldest) break; // kept in the order they came
      this.answers.delete(key);
    }
  }
}
