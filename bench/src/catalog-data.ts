// Generated catalogs for the scale bench: plausible names, categories and descriptions from small word
// lists, the same file for the same arguments (a seeded generator), written as the import's CSV format.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const ADJECTIVES = ['compact', 'classic', 'rugged', 'slim', 'deluxe', 'portable', 'wireless', 'insulated', 'folding', 'heavy', 'organic', 'vintage', 'smart', 'quiet', 'waterproof', 'bamboo', 'ceramic', 'steel', 'cotton', 'leather', 'glass', 'oak', 'copper', 'woollen', 'solar'];
const NOUNS = ['kettle', 'lamp', 'backpack', 'mug', 'speaker', 'blanket', 'tent', 'bottle', 'chair', 'jacket', 'headphones', 'notebook', 'pan', 'shelf', 'scarf', 'charger', 'keyboard', 'planter', 'candle', 'boots', 'watch', 'grinder', 'rug', 'cushion', 'tripod', 'helmet', 'umbrella', 'towel', 'toaster', 'mirror'];
const CATEGORIES = ['Kitchen', 'Electronics', 'Outdoors', 'Home', 'Apparel', 'Garden', 'Books', 'Toys', 'Sports', 'Office', 'Beauty', 'Pets', 'Tools', 'Music', 'Travel', 'Baby', 'Health', 'Crafts', 'Automotive', 'Grocery'];
const PHRASES = ['built to last', 'easy to clean', 'made from recycled materials', 'a gift they will use every day', 'fits in any bag', 'designed in small batches', 'with a two year warranty', 'tested by our own team', 'light enough to carry all day', 'runs for hours on one charge'];

/** A small deterministic generator (mulberry32): the same seed gives the same catalog. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const csvCell = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** Row `i` of the generated catalog (the same for the same i, whatever the file's size). */
export function productRow(i: number): string {
  const next = random(i + 1);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)];
  const noun = pick(NOUNS);
  const name = `${pick(ADJECTIVES)} ${pick(ADJECTIVES)} ${noun} ${i}`.replace(/^./, (c) => c.toUpperCase());
  const description = `A ${pick(ADJECTIVES)} ${noun}, ${pick(PHRASES)} and ${pick(PHRASES)}.`;
  // Prices from $1 to about $1,000, more of them cheap, as in a real shop.
  const cents = Math.round(100 + next() ** 3 * 99_900);
  const price = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  const stock = Math.floor(next() * 500);
  return [`GEN-${String(i).padStart(7, '0')}`, name, description, pick(CATEGORIES), price, String(stock), '', ''].map(csvCell).join(',');
}

/** Writes rows [from, to) of the generated catalog as an import file; returns its size in bytes. */
export async function writeCatalogCsv(path: string, from: number, to: number): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (line: string) => {
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
  };
  await write('sku,name,description,category,price,stock,images,links\n');
  for (let i = from; i < to; i++) await write(`${productRow(i)}\n`);
  out.end();
  await once(out, 'finish');
  return bytes;
}
