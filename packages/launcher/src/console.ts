/** What the launcher prints: its own lines prefixed [emporium], a service's warnings prefixed with its name. */
const LEVEL_NAMES: Record<number, string> = { 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const colour = process.stdout.isTTY ? (code: number, text: string) => `\x1b[${code}m${text}\x1b[0m` : (_: number, text: string) => text;

export const say = {
  info: (message: string) => console.log(`${colour(36, '[emporium]')} ${message}`),
  warn: (message: string) => console.log(`${colour(33, '[emporium]')} ${message}`),
  error: (message: string) => console.error(`${colour(31, '[emporium]')} ${message}`),
};

/**
 * The console line for one line of a service's output, or null when it belongs only in the log
 * file: pino lines below warn stay there; a warning or error is shortened to its message.
 * Anything on stderr that is not a log line (a crash before the logger started) is shown as is.
 */
export function consoleLine(service: string, line: string, fromStderr: boolean): string | null {
  const level = /^\{"level":(\d+)/.exec(line);
  if (!level) return fromStderr && line.trim() ? `${colour(31, `[${service}]`)} ${line}` : null;
  const value = Number(level[1]);
  if (value < 40) return null;
  let text = line;
  try {
    const entry = JSON.parse(line) as { msg?: string; err?: { message?: string }; reqId?: string };
    text = [entry.msg, entry.err?.message].filter(Boolean).join(': ') || line;
  } catch {
    // not quite JSON: show it raw
  }
  return `${colour(value >= 50 ? 31 : 33, `[${service}]`)} ${LEVEL_NAMES[value] ?? 'WARN'} ${text}`;
}
