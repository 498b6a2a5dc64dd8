// Countries as the API takes them (ISO 3166-1 alpha-2 codes) with names a person reads. The codes and
// the names people type come from i18n-iso-countries; the names shown from the browser's own
// Intl.DisplayNames when it has them ("United States" reads better than the official long form).
import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json' with { type: 'json' };

countries.registerLocale(english);

const displayNames = (() => {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  } catch {
    return null;
  }
})();

export interface Country {
  code: string;
  name: string;
}

export function countryName(code: string): string {
  return displayNames?.of(code) ?? countries.getName(code, 'en') ?? code;
}

let sorted: Country[] | null = null;
/** Every country, by name: the options of a country select. */
export function countryList(): Country[] {
  sorted ??= Object.keys(countries.getAlpha2Codes())
    .map((code) => ({ code, name: countryName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return sorted;
}

/**
 * The code of a country written as a code ("us", "GBR") or a name ("United Kingdom", "UK", "Côte
 * d'Ivoire"), or null. Addresses saved before countries became codes hold whatever was typed.
 */
export function countryCode(text: string | null | undefined): string | null {
  const typed = String(text ?? '').trim();
  if (!typed) return null;
  if (/^[a-z]{2,3}$/i.test(typed) && countries.isValid(typed)) return countries.toAlpha2(typed.toUpperCase()) ?? null;
  const byName = countries.getSimpleAlpha2Code(typed, 'en');
  if (byName) return byName;
  const folded = typed.toLowerCase();
  return countryList().find((country) => country.name.toLowerCase() === folded)?.code ?? null;
}
