// Where a parcel can be followed: the tracking page of each carrier the shop is likely to use, with the
// tracking number put in. The carrier is free text typed when shipping ("UPS", "Royal Mail 24"), so it
// is recognised by name; an unknown carrier gets no link (its number is still shown).

interface Carrier {
  name: string;
  /** What the typed carrier name looks like. */
  matches: RegExp;
  /** The tracking page; {n} is the tracking number, URL-encoded. */
  url: string;
}

export const CARRIERS: Carrier[] = [
  { name: 'USPS', matches: /\busps\b|postal service/i, url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={n}' },
  { name: 'UPS', matches: /\bups\b/i, url: 'https://www.ups.com/track?tracknum={n}' },
  { name: 'FedEx', matches: /fed\s*ex/i, url: 'https://www.fedex.com/fedextrack/?trknbr={n}' },
  { name: 'DHL', matches: /\bdhl\b/i, url: 'https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?submit=1&tracking-id={n}' },
  { name: 'Posten', matches: /\bposten\b|\bbring\b/i, url: 'https://sporing.posten.no/sporing/{n}' },
  { name: 'PostNord', matches: /postnord/i, url: 'https://www.postnord.se/en/our-tools/track-and-trace?shipmentId={n}' },
  { name: 'Royal Mail', matches: /royal\s*mail/i, url: 'https://www.royalmail.com/track-your-item#/tracking-results/{n}' },
  { name: 'DPD', matches: /\bdpd\b/i, url: 'https://tracking.dpd.de/status/en_US/parcel/{n}' },
  { name: 'GLS', matches: /\bgls\b/i, url: 'https://gls-group.com/track/{n}' },
  { name: 'Canada Post', matches: /canada\s*post/i, url: 'https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={n}' },
  { name: 'Australia Post', matches: /australia\s*post|auspost/i, url: 'https://auspost.com.au/mypost/track/details/{n}' },
  { name: 'La Poste', matches: /la\s*poste|colissimo/i, url: 'https://www.laposte.fr/outils/suivre-vos-envois?code={n}' },
];

/** The carrier's page for this parcel, or null for a carrier we do not know (or no number). */
export function trackingUrl(carrier: string | null | undefined, trackingNumber: string | null | undefined): string | null {
  const number = trackingNumber?.trim();
  if (!carrier || !number) return null;
  const known = CARRIERS.find((item) => item.matches.test(carrier));
  return known ? known.url.replace('{n}', encodeURIComponent(number)) : null;
}
