// A tracking number as a link to the carrier's own tracking page, where the carrier is one we know.
import { trackingUrl } from '../carriers.ts';

export function TrackingLink({ carrier, trackingNumber }: { carrier: string | null; trackingNumber: string | null }) {
  const url = trackingUrl(carrier, trackingNumber);
  if (!url) return <code>{trackingNumber}</code>;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" data-testid="tracking-link" aria-label={`Track ${trackingNumber} with ${carrier} (opens the carrier's site)`}>
      <code>{trackingNumber}</code>
    </a>
  );
}
