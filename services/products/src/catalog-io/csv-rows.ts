import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import { productFields, Sku } from '../products/products.schemas.ts';
import { parsePrice } from './prices.ts';

/**
 * One CSV row read into a product, or the reason it cannot be (pure). The fields are checked against the
 * same schemas as the API's own POST, so an import accepts exactly what the API would.
 */

export type ImportFormat = 'emporium' | 'amazon';

/** The columns of our own export, in its order. */
export const EMPORIUM_COLUMNS = ['sku', 'name', 'description', 'category', 'price', 'stock', 'images', 'links'] as const;
const EMPORIUM_REQUIRED = ['sku', 'name', 'description', 'category', 'price', 'stock'];

/** The public Amazon sales dataset's columns that we read (it has more: ratings and reviews, which are not ours). */
const AMAZON_REQUIRED = ['product_id', 'product_name', 'category', 'discounted_price', 'actual_price', 'discount_percentage', 'about_product', 'img_link', 'product_link'];

export interface RowFields {
  sku: string;
  name: string;
  description: string;
  category: string;
  priceAmount: number;
  /** Undefined when the format has no stock (amazon): a new product starts at 0, an existing one keeps its own. */
  stock?: number;
  images: string[];
  links: string[];
}

export type RowReading =
  | { ok: true; fields: RowFields; discountPercent?: number }
  | { ok: false; column: string; message: string };

const { name, description, category, stock, images, links } = productFields;
const RowSchema = Compile(Type.Object({ sku: Sku, name, description, category, stock, images, links }));

// As the API: no control characters but tab, CR and LF.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The header's missing columns for this format (empty when it can be read). */
export function missingColumns(format: ImportFormat, header: string[]): string[] {
  return (format === 'amazon' ? AMAZON_REQUIRED : EMPORIUM_REQUIRED).filter((c) => !header.includes(c));
}

const list = (cell: string | undefined) => (cell ?? '').split('|').map((s) => s.trim()).filter(Boolean);
const fail = (column: string, message: string): RowReading => ({ ok: false, column, message });

export function readRow(format: ImportFormat, cells: Record<string, string>, shopCurrency: string): RowReading {
  for (const [column, value] of Object.entries(cells)) {
    if (CONTROL.test(value)) return fail(column, 'holds a control character');
  }
  return format === 'amazon' ? readAmazon(cells, shopCurrency) : readEmporium(cells, shopCurrency);
}

function readEmporium(cells: Record<string, string>, shopCurrency: string): RowReading {
  const price = parsePrice(cells.price ?? '', shopCurrency);
  if ('error' in price) return fail('price', `price ${price.error}`);
  const stockText = (cells.stock ?? '').trim();
  if (!/^\d{1,7}$/.test(stockText)) return fail('stock', 'stock must be a whole number from 0 to 1000000');
  return checked({
    sku: (cells.sku ?? '').trim(),
    name: (cells.name ?? '').trim(),
    description: cells.description ?? '',
    category: (cells.category ?? '').trim(),
    priceAmount: price.amount,
    stock: Number(stockText),
    images: list(cells.images),
    links: list(cells.links),
  }, (field) => field);
}

const AMAZON_COLUMN_OF: Record<string, string> = {
  sku: 'product_id', name: 'product_name', description: 'about_product', category: 'category', images: 'img_link', links: 'product_link',
};

/** Dataset names run long: cut at the API's limits (at a word where one is near) rather than refuse the product. */
const cut = (text: string, max: number) => {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  const space = head.lastIndexOf(' ');
  return `${space > max * 0.8 ? head.slice(0, space) : head}…`;
};

function readAmazon(cells: Record<string, string>, shopCurrency: string): RowReading {
  const price = parsePrice(cells.actual_price ?? '', shopCurrency);
  if ('error' in price) return fail('actual_price', `actual_price ${price.error}`);
  const percentText = (cells.discount_percentage ?? '').trim();
  const percentMatch = /^(\d{1,2}(?:\.\d{1,2})?)\s*%?$/.exec(percentText);
  if (percentText !== '' && !percentMatch) return fail('discount_percentage', `discount_percentage "${percentText.slice(0, 20)}" is not a percent`);
  const percent = percentMatch ? Number(percentMatch[1]) : 0;
  if (percent > 90) return fail('discount_percentage', 'discount_percentage is above 90%, the largest discount the shop gives');
  const reading = checked({
    sku: (cells.product_id ?? '').trim(),
    name: cut((cells.product_name ?? '').trim(), 200),
    // The dataset separates its bullet points with "|".
    description: cut((cells.about_product ?? '').split('|').map((s) => s.trim()).filter(Boolean).join('\n'), 5000),
    category: cut(list(cells.category).at(-1) ?? '', 100),
    priceAmount: price.amount,
    images: list(cells.img_link).slice(0, 10),
    links: list(cells.product_link).slice(0, 10),
  }, (field) => AMAZON_COLUMN_OF[field] ?? field);
  // Below 1% is no discount (the smallest the discounts service takes is 1%).
  return reading.ok && percent >= 1 ? { ...reading, discountPercent: percent } : reading;
}

/** The fields against the API's schemas; the first problem is the row's error, named by the file's column. */
function checked(fields: RowFields, columnOf: (field: string) => string): RowReading {
  const value = { ...fields, stock: fields.stock ?? 0 };
  delete (value as Partial<RowFields>).priceAmount;
  if (RowSchema.Check(value)) return { ok: true, fields };
  const [first] = RowSchema.Errors(value);
  const field = first.instancePath.split('/')[1] ?? '';
  const column = columnOf(field);
  const empty = (value as Record<string, unknown>)[field] === '';
  return fail(column, empty ? `${column} is required` : `${column} ${first.message}`);
}
