// Draws the demo catalog's product pictures as small SVG files in gateway/public/images/products/.
// Run after changing src/demo/catalog.ts: `npx tsx services/products/scripts/generate-demo-images.ts`.
// Each product is its own object (a Fluent Emoji Flat drawing by Microsoft, MIT licence, from the
// @iconify-json/fluent-emoji-flat package) on a backdrop in its category's colours, varied per product,
// with no text: the page already says the name. A second, "detail" picture is a close-up of the same object.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { DEMO_CATEGORIES, DEMO_PRODUCTS, imageFilesOf, type DemoCategory, type DemoProduct } from '../src/demo/catalog.ts';

const outDir = fileURLToPath(new URL('../../../gateway/public/images/products/', import.meta.url));
const emoji = createRequire(import.meta.url)('@iconify-json/fluent-emoji-flat/icons.json') as {
  width: number;
  icons: Record<string, { body: string; width?: number }>;
};

/** Each product's object, and for books the subject shown on a badge beside the cover. */
const PICTURES: Record<string, { object: string; badge?: string }> = {
  'Stoneware Coffee Mug': { object: 'hot-beverage' },
  'Electric Gooseneck Kettle': { object: 'teapot' },
  'Cast Iron Skillet 26 cm': { object: 'cooking' },
  "Chef's Knife 20 cm": { object: 'kitchen-knife' },
  'Bamboo Cutting Board Set': { object: 'wood' },
  'French Press 1 l': { object: 'jar' },
  'Enamel Dutch Oven 5 l': { object: 'pot-of-food' },
  'Ceramic Pour-Over Dripper': { object: 'teacup-without-handle' },
  'Wireless Noise-Cancelling Headphones': { object: 'headphone' },
  'Portable Bluetooth Speaker': { object: 'speaker-high-volume' },
  'Mechanical Keyboard': { object: 'keyboard' },
  'USB-C Charging Hub 65 W': { object: 'electric-plug' },
  'E-Reader 6"': { object: 'mobile-phone' },
  'Smart LED Desk Lamp': { object: 'light-bulb' },
  'True Wireless Earbuds': { object: 'musical-notes' },
  '4K Webcam': { object: 'video-camera' },
  'Two-Person Backpacking Tent': { object: 'tent' },
  'Down Sleeping Bag -5 °C': { object: 'snowflake' },
  'Trekking Poles (Pair)': { object: 'hiking-boot' },
  'Insulated Water Bottle 750 ml': { object: 'cup-with-straw' },
  'Headlamp 400 lm': { object: 'flashlight' },
  'Daypack 24 l': { object: 'backpack' },
  'Camping Stove': { object: 'fire' },
  'Hammock with Straps': { object: 'palm-tree' },
  'The Art of Slow Cooking': { object: 'orange-book', badge: 'pot-of-food' },
  'A Field Guide to Night Skies': { object: 'blue-book', badge: 'crescent-moon' },
  'Designing Data Systems': { object: 'notebook', badge: 'floppy-disk' },
  'The Quiet Garden': { object: 'green-book', badge: 'tulip' },
  'Short Walks in the Mountains': { object: 'closed-book', badge: 'snow-capped-mountain' },
  'Bread Every Day': { object: 'notebook-with-decorative-cover', badge: 'bread' },
  'Modern Typography': { object: 'ledger', badge: 'input-latin-letters' },
  'Stories for a Long Train Ride': { object: 'books', badge: 'locomotive' },
  'Linen Duvet Cover': { object: 'bed' },
  'Ceramic Table Lamp': { object: 'couch-and-lamp' },
  'Wool Throw Blanket': { object: 'yarn' },
  'Scented Soy Candle': { object: 'candle' },
  'Wall Clock 30 cm': { object: 'mantelpiece-clock' },
  'Set of 4 Linen Napkins': { object: 'fork-and-knife-with-plate' },
  'Woven Storage Basket': { object: 'basket' },
  'Glass Carafe with Tumbler': { object: 'tumbler-glass' },
  'Merino Wool Sweater': { object: 'scarf' },
  'Organic Cotton T-Shirt': { object: 't-shirt' },
  'Waxed Canvas Jacket': { object: 'coat' },
  'Leather Belt': { object: 'jeans' },
  'Rain Shell': { object: 'umbrella-with-rain-drops' },
  'Wool Beanie': { object: 'billed-cap' },
  'Everyday Sneakers': { object: 'running-shoe' },
  'Cotton Socks (3 Pairs)': { object: 'socks' },
  'Wooden Building Blocks': { object: 'brick' },
  'Strategy Board Game': { object: 'sailboat' },
  '1000-Piece Jigsaw Puzzle': { object: 'puzzle-piece' },
  'Classic Chess Set': { object: 'chess-pawn' },
  'Polyhedral Dice Set': { object: 'game-die' },
  'Remote Control Car': { object: 'racing-car' },
  'Card Game for Families': { object: 'joker' },
  'Kite with Tail': { object: 'kite' },
  'Terracotta Plant Pot Set': { object: 'potted-plant' },
  'Pruning Shears': { object: 'scissors' },
  'Herb Seed Collection': { object: 'seedling' },
  'Watering Can 5 l': { object: 'droplet' },
  'Raised Garden Bed': { object: 'leafy-green' },
  'Garden Kneeler and Seat': { object: 'chair' },
  'Bird Feeder': { object: 'bird' },
  'Gardening Gloves': { object: 'gloves' },
};

/** A small stable number from a name, so each product gets its own shade and backdrop. */
function hashOf(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** An emoji's drawing placed with its centre at (x, y), `size` wide; its ids prefixed so two never clash. */
function placed(name: string, x: number, y: number, size: number, prefix: string, rotate = 0): string {
  const icon = emoji.icons[name];
  if (!icon) throw new Error(`no emoji "${name}" in @iconify-json/fluent-emoji-flat`);
  const width = icon.width ?? emoji.width;
  const scale = size / width;
  const body = icon.body.replace(/id="([^"]+)"/g, `id="${prefix}-$1"`).replace(/url\(#([^)]+)\)/g, `url(#${prefix}-$1)`);
  return `<g transform="translate(${x} ${y}) rotate(${rotate}) scale(${scale.toFixed(3)}) translate(${-width / 2} ${-width / 2})">${body}</g>`;
}

/** One of four quiet patterns behind the object, chosen and placed by the product's hash. */
function pattern(h: number, hue: number): string {
  const tint = `hsl(${hue} 55% 82%)`;
  switch (h % 4) {
    case 0:
      return Array.from({ length: 9 }, (_, i) =>
        `<circle cx="${(h >>> (i * 3)) % 400}" cy="${(h >>> (i * 2 + 5)) % 400}" r="${5 + ((h >>> i) % 16)}" fill="${tint}" opacity=".6"/>`).join('');
    case 1:
      return Array.from({ length: 5 }, (_, i) =>
        `<circle cx="${40 + (h % 320)}" cy="${40 + ((h >>> 9) % 320)}" r="${60 + i * 55}" fill="none" stroke="${tint}" stroke-width="10" opacity=".5"/>`).join('');
    case 2:
      return Array.from({ length: 9 }, (_, i) =>
        `<path d="M${-100 + i * 70} 420L${60 + i * 70} -20" stroke="${tint}" stroke-width="18" opacity=".45"/>`).join('');
    default:
      return Array.from({ length: 8 }, (_, i) =>
        `<rect x="${(h >>> (i * 3)) % 380}" y="${(h >>> (i * 2 + 3)) % 380}" width="${14 + ((h >>> i) % 20)}" height="${14 + ((h >>> i) % 20)}" rx="5" transform="rotate(${(h >>> i) % 90} 200 200)" fill="${tint}" opacity=".55"/>`).join('');
  }
}

function drawing(product: DemoProduct, category: DemoCategory, detail: boolean): string {
  const picture = PICTURES[product.name];
  if (!picture) throw new Error(`${product.name}: no picture in PICTURES`);
  const h = hashOf(product.name);
  const hue = (category.hue + (h % 41) - 20 + 360) % 360;
  const angle = (h >>> 4) % 4;
  const [x1, y1, x2, y2] = [[0, 0, 1, 1], [1, 0, 0, 1], [0, 0, 0, 1], [0, 0, 1, 0]][angle];
  const backdrop = `<circle cx="${185 + ((h >>> 6) % 30)}" cy="${180 + ((h >>> 8) % 30)}" r="${130 + ((h >>> 10) % 25)}" fill="hsl(${hue} 60% 88%)"/>`;
  const shadow = `<ellipse cx="200" cy="318" rx="${detail ? 150 : 105}" ry="16" fill="hsl(${hue} 35% 35%)" opacity=".16"/>`;
  const object = detail
    ? placed(picture.object, 215, 205, 330, 'o', -12)
    : placed(picture.object, 200, 195, 210, 'o', ((h >>> 12) % 13) - 6);
  const badge = picture.badge && !detail
    ? `<circle cx="300" cy="280" r="52" fill="#fff" opacity=".92"/>${placed(picture.badge, 300, 280, 70, 'b')}`
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" role="img" aria-label="${escapeXml(product.name)}${detail ? ' (close-up)' : ''}">
<defs><linearGradient id="bg" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"><stop offset="0" stop-color="hsl(${hue} 70% 96%)"/><stop offset="1" stop-color="hsl(${(hue + 25) % 360} 55% 87%)"/></linearGradient></defs>
<rect width="400" height="400" fill="url(#bg)"/>${pattern(h, hue)}${detail ? '' : backdrop}${shadow}${object}${badge}
</svg>
`;
}

mkdirSync(outDir, { recursive: true });
for (const old of readdirSync(outDir)) if (old.endsWith('.svg')) rmSync(outDir + old);
let written = 0;
for (const product of DEMO_PRODUCTS) {
  const category = DEMO_CATEGORIES.find((c) => c.name === product.category);
  if (!category) throw new Error(`${product.name}: unknown category ${product.category}`);
  imageFilesOf(product).forEach((file, i) => {
    writeFileSync(outDir + file, drawing(product, category, i === 1));
    written++;
  });
}
console.log(`wrote ${written} images to ${outDir}`);
