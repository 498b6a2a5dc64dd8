// Average, count and how many reviews gave each number of stars.
import type { RatingSummary as Summary } from '../api/types.ts';
import { Stars } from './Stars.tsx';

export function RatingSummary({ summary }: { summary: Summary }) {
  const most = Math.max(1, ...Object.values(summary.histogram ?? {}));
  return (
    <div className="rating-summary">
      <div className="rating-average">
        <span className="rating-number">{summary.count ? summary.average.toFixed(1) : '–'}</span>
        <Stars value={summary.average} />
        <span className="muted">{summary.count} review{summary.count === 1 ? '' : 's'}</span>
      </div>
      <table className="histogram" aria-label="Ratings by stars">
        <tbody>
          {([5, 4, 3, 2, 1] as const).map((stars) => {
            const n = summary.histogram?.[stars] ?? 0;
            return (
              <tr key={stars}>
                <th scope="row">{stars} ★</th>
                <td>
                  <span className="histogram-bar" style={{ width: `${(n / most) * 100}%` }} />
                </td>
                <td className="histogram-count">{n}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
