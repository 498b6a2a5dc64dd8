/**
 * Turning a shopper's words into a PostgreSQL tsquery (pure; the database supplies the catalog's words).
 * Every word must match, each in one of three ways: the word itself (stemmed by the english
 * configuration, so "running" finds "run"), a near spelling from the catalog's vocabulary (pg_trgm), or,
 * for the last word only, as a prefix (type-ahead).
 */

/** At most this many words of a query count; the rest are ignored (q is at most 200 characters anyway). */
export const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 40;

/** The words of a query, lowercased: runs of letters and digits, as the text search parser splits them. */
export function wordsOf(q: string | undefined): string[] {
  const words = (q ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, MAX_WORDS).map((w) => w.slice(0, MAX_WORD_LENGTH));
}

/** What the vocabulary offers for one word of the query. */
export interface WordTerms {
  word: string;
  /** Catalog words that begin with it (last word only): their stems can differ from the prefix's own. */
  prefixed: string[];
  /** Near spellings, when the word itself is not in the catalog. */
  near: string[];
}

// A term in quotes is taken as text to parse, never as query syntax; a quote inside is doubled.
const quoted = (word: string) => `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The tsquery text (for `to_tsquery('english', ...)`): one group of alternatives per word, all groups required.
 * `label` restricts every term to those weights ('A': the name only, for suggestions).
 */
export function tsqueryText(terms: WordTerms[], label = ''): string {
  const term = (word: string, flags: string) => (flags ? `${quoted(word)}:${flags}` : quoted(word));
  return terms
    .map((t, i) => {
      // The last word also as a prefix; the whole word stays too, so that matching it ranks above a longer word.
      const own = i === terms.length - 1 ? [term(t.word, label), term(t.word, `*${label}`)] : [term(t.word, label)];
      const others = [...new Set([...t.prefixed, ...t.near])].filter((w) => w !== t.word).map((w) => term(w, label));
      return `(${[...own, ...others].join(' | ')})`;
    })
    .join(' & ');
}

/**
 * The query's own words, any of them, spelled as typed (stemmed): ranked beside the full query so that a
 * product with the word itself comes before one that only matched a prefix or a near spelling.
 */
export const exactText = (words: string[]) => words.map(quoted).join(' | ');
