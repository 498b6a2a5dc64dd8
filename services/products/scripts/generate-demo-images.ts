// Draws the demo catalog's product images as small SVG files in gateway/public/images/products/.
// Run once after changing src/demo/catalog.ts: `npx tsx services/products/scripts/generate-demo-images.ts`.
// Each category has a colour and a simple drawing; each product gets its own shade and a label.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DEMO_CATEGORIES, DEMO_PRODUCTS, imageFilesOf, type DemoCategory, type DemoProduct } from '../src/demo/catalog.ts';

const outDir = fileURLToPath(new URL('../../../gateway/public/images/products/', import.meta.url));

const GLYPHS: Record<DemoCategory['glyph'], string> = {
  mug: `<path d="M-50 -40h90v70a30 30 0 0 1-30 30h-30a30 30 0 0 1-30-30z" fill="INK"/>
    <path d="M40 -20h12a22 22 0 0 1 0 44h-12" fill="none" stroke="INK" stroke-width="12"/>
    <path d="M-25 -60c-8-10 8-16 0-28M0 -60c-8-10 8-16 0-28M25 -60c-8-10 8-16 0-28" fill="none" stroke="INK" stroke-width="6" stroke-linecap="round" opacity=".6"/>`,
  headphones: `<path d="M-60 20v-20a60 60 0 0 1 120 0v20" fill="none" stroke="INK" stroke-width="12"/>
    <rect x="-76" y="10" width="34" height="58" rx="14" fill="INK"/><rect x="42" y="10" width="34" height="58" rx="14" fill="INK"/>`,
  tent: `<path d="M0 -70L-80 60h160z" fill="INK"/><path d="M0 -10L-26 60h52z" fill="LIGHT"/>
    <path d="M-100 60h200" stroke="INK" stroke-width="8" stroke-linecap="round"/><path d="M0 -70l-10-18M0 -70l10-18" stroke="INK" stroke-width="6"/>`,
  book: `<path d="M-70 -55q35-12 70 6v110q-35-18-70-6z" fill="INK"/><path d="M70 -55q-35-12-70 6v110q35-18 70-6z" fill="INK" opacity=".8"/>
    <path d="M-55 -25q20-6 42 2M-55 0q20-6 42 2M-55 25q20-6 42 2M55 -25q-20-6-42 2M55 0q-20-6-42 2" stroke="LIGHT" stroke-width="5" fill="none"/>`,
  lamp: `<path d="M-45 -70h90l25 60h-140z" fill="INK"/><rect x="-6" y="-10" width="12" height="60" fill="INK" opacity=".8"/>
    <rect x="-45" y="50" width="90" height="14" rx="7" fill="INK"/><circle cx="0" cy="-2" r="10" fill="LIGHT"/>`,
  shirt: `<path d="M-30 -65l-60 30 20 40 25-12v72h90v-72l25 12 20-40-60-30q-30 22-60 0z" fill="INK"/>
    <path d="M-30 -65q30 30 60 0" fill="none" stroke="LIGHT" stroke-width="6"/>`,
  die: `<rect x="-65" y="-65" width="130" height="130" rx="24" fill="INK"/>
    <g fill="LIGHT"><circle cx="-32" cy="-32" r="12"/><circle cx="32" cy="-32" r="12"/><circle r="12"/><circle cx="-32" cy="32" r="12"/><circle cx="32" cy="32" r="12"/></g>`,
  leaf: `<path d="M-60 60C-70-20 0-80 70-70C75 0 20 70-60 60z" fill="INK"/>
    <path d="M-60 60C-20 20 20-20 55-55M-20 22l-8-30M10-5l-4-30M5 15l30 2M-25 40l30 4" stroke="LIGHT" stroke-width="5" fill="none" stroke-linecap="round"/>`,
};

/** A small stable number from a name, so each product gets its own shade and decoration. */
function hashOf(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

const escapeXml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + word).length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** One or two lines of label; long names get a smaller font rather than losing words. */
function labelLines(name: string): { lines: string[]; fontSize: number } {
  const large = wrap(name, 24);
  return large.length <= 2 ? { lines: large, fontSize: 24 } : { lines: wrap(name, 32).slice(0, 2), fontSize: 19 };
}

function drawing(product: DemoProduct, category: DemoCategory, detail: boolean): string {
  const h = hashOf(product.name);
  const hue = (category.hue + (h % 31) - 15 + 360) % 360;
  const ink = `hsl(${hue} 45% 32%)`;
  const light = `hsl(${hue} 70% 94%)`;
  const glyph = GLYPHS[category.glyph].replaceAll('INK', ink).replaceAll('LIGHT', light);
  const dots = Array.from({ length: 7 }, (_, i) => {
    const x = (h >>> (i * 3)) % 400;
    const y = (h >>> (i * 2 + 5)) % 300;
    return `<circle cx="${x}" cy="${y}" r="${6 + ((h >>> i) % 18)}" fill="hsl(${hue} 60% 85%)" opacity=".7"/>`;
  }).join('');
  const { lines, fontSize } = labelLines(product.name);
  const label = lines
    .map((line, i) => `<text x="200" y="${lines.length === 1 ? 367 : 344 + i * (fontSize + 6)}" text-anchor="middle">${escapeXml(line)}</text>`)
    .join('');
  const scene = detail
    ? `<g transform="translate(215 155) scale(1.5) rotate(-12)">${glyph}</g>`
    : `<circle cx="200" cy="165" r="112" fill="hsl(${hue} 55% 78%)"/><g transform="translate(200 165)">${glyph}</g>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="400" height="400" role="img" aria-label="${escapeXml(product.name)}${detail ? ' (detail)' : ''}">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue} 75% 95%)"/><stop offset="1" stop-color="hsl(${(hue + 25) % 360} 60% 86%)"/></linearGradient></defs>
<rect width="400" height="400" fill="url(#bg)"/>${dots}${scene}
<rect x="0" y="${lines.length === 1 ? 318 : 300}" width="400" height="${lines.length === 1 ? 82 : 100}" fill="hsl(${hue} 40% 22%)" opacity=".88"/>
<g font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="${fontSize}" font-weight="600" fill="${light}">${label}</g>
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
