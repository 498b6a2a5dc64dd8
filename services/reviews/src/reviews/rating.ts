/** How many visible reviews gave each star count. */
export type Histogram = Record<'1' | '2' | '3' | '4' | '5', number>;

export interface RatingSummary {
  average: number;
  count: number;
  histogram: Histogram;
}

export const STARS = ['1', '2', '3', '4', '5'] as const;

/**
 * The mean of `count` ratings adding up to `sum`, to one decimal, half rounded up; 0 when there are none.
 * Integer arithmetic, so 4.25 becomes 4.3 exactly and never 4.2 through a float error.
 */
export function averageRating(sum: number, count: number): number {
  if (count === 0) return 0;
  return Math.floor((20 * sum + count) / (2 * count)) / 10;
}

/** The summary of a histogram built from `{rating, n}` rows (missing stars count 0). */
export function summarize(rows: { rating: number; n: number }[]): RatingSummary {
  const histogram: Histogram = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let sum = 0;
  let count = 0;
  for (const { rating, n } of rows) {
    histogram[String(rating) as keyof Histogram] += n;
    sum += rating * n;
    count += n;
  }
  return { average: averageRating(sum, count), count, histogram };
}
