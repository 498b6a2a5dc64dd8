import { IdParams, ListQuery, MAX_AMOUNT, Money } from '@emporium/kit';
import { Type, type Static, type TSchema } from 'typebox';

/**
 * `X | null` written as OpenAPI 3.0's `nullable`: the response serializer then tests for null
 * directly instead of validating each value against the anyOf branches (about a third faster on a page).
 */
const Nullable = <T extends TSchema>(schema: T) => Type.Unsafe<Static<T> | null>({ ...schema, nullable: true });

/** http(s) with a host, or a path on this site ("/images/x.svg"); never "//host" or "javascript:". */
export const Url = Type.String({
  maxLength: 2048,
  // Linear: after the host, the next character must be one of / ? # (the host class excludes them), and a
  // path's second character is not / or \, so every character has one place in the match.
  pattern: '^(?:https?://[^\\s/?#@\\\\]+(?:[/?#]\\S*)?|/(?:[^\\s/\\\\]\\S*)?)$',
  description: 'http(s) URL or a site-relative path beginning with /',
});

const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Category = Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
/** The shop's own code for a product: no spaces, so it survives spreadsheets and CSV files unchanged. */
export const Sku = Type.String({ minLength: 1, maxLength: 64, pattern: '^\\S+$', description: 'Stock-keeping unit, unique among listed products' });

export const ProductId = IdParams;

export const Discount = Type.Object({
  id: Type.String(),
  percent: Type.Number(),
  endsAt: Nullable(Type.String({ format: 'date-time' })),
});

export const Product = Type.Object({
  id: Type.String(),
  sku: Nullable(Type.String()),
  name: Type.String(),
  description: Type.String(),
  category: Type.String(),
  images: Type.Array(Type.String()),
  links: Type.Array(Type.String()),
  price: Money,
  discountedPrice: Money,
  discount: Nullable(Discount),
  stock: Type.Integer({ description: 'Units that can be ordered now' }),
  rating: Type.Object({ average: Type.Number(), count: Type.Integer() }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Product = Static<typeof Product>;

export const productFields = {
  sku: Nullable(Sku),
  name: Name,
  description: Type.String({ maxLength: 5000 }),
  price: Money,
  images: Type.Array(Url, { maxItems: 10 }),
  links: Type.Array(Url, { maxItems: 10 }),
  category: Category,
  stock: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
};

export const CreateProduct = Type.Object({
  ...productFields,
  sku: Type.Optional(productFields.sku),
  images: Type.Optional(productFields.images),
  links: Type.Optional(productFields.links),
});
export type CreateProduct = Static<typeof CreateProduct>;

export const UpdateProduct = Type.Partial(Type.Object(productFields), { minProperties: 1 });
export type UpdateProduct = Static<typeof UpdateProduct>;

/** Integer minor units, bounded like a Money amount: PostgreSQL's bigint holds it, 1e20 does not. */
const PriceBound = Type.Integer({ minimum: 0, maximum: MAX_AMOUNT });

export const SORTS = ['newest', 'price_asc', 'price_desc', 'rating', 'name'] as const;
export type Sort = (typeof SORTS)[number];
/** How a page is ordered: a sort, or relevance when there is a query and no sort. */
export type ListOrder = Sort | 'relevance';

export const ProductQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Words of the name, category or description: stemmed, the last one also as a prefix, near misspellings too; every word must match' })),
  category: Type.Optional(Type.String({ maxLength: 100 })),
  minPrice: Type.Optional(PriceBound),
  maxPrice: Type.Optional(PriceBound),
  minRating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5, description: 'Only products rated at least this (average)' })),
  ids: Type.Optional(Type.String({
    minLength: 1, maxLength: 10_000, pattern: '^[^,\\s]+(,[^,\\s]+)*$',
    description: "Only these products, up to 100 comma-separated ids: a batch read such as a cart's (products no longer listed are left out)",
  })),
  sort: Type.Optional(Type.Enum(SORTS, { description: 'newest when there is no q; by relevance when there is q and no sort' })),
  facets: Type.Optional(Type.Boolean({ default: false, description: 'Add counts by category, price and rating, each over the other filters' })),
  ...ListQuery,
});
export type ProductQuery = Static<typeof ProductQuery>;

export const Facets = Type.Object({
  categories: Type.Array(Type.Object({ name: Type.String(), count: Type.Integer() })),
  price: Type.Array(Type.Object({
    min: Type.Integer({ description: 'Lowest discounted price in the bucket, minor units' }),
    max: Type.Integer({ description: 'Highest, inclusive: minPrice=min&maxPrice=max selects the bucket' }),
    count: Type.Integer(),
  })),
  rating: Type.Array(Type.Object({ atLeast: Type.Integer(), count: Type.Integer() })),
});
export type Facets = Static<typeof Facets>;

export const ProductPage = Type.Object({ items: Type.Array(Product), nextCursor: Nullable(Type.String()), facets: Type.Optional(Facets) });
export type ProductPage = Static<typeof ProductPage>;

export const SuggestQuery = Type.Object({ q: Type.String({ maxLength: 200 }) });
export const Suggestions = Type.Object({
  items: Type.Array(Type.Object({ id: Type.String(), name: Type.String() }), { maxItems: 8 }),
  spelling: Nullable(Type.String({ description: 'The words with each one the catalog does not know replaced by its nearest spelling; null when every word is known' })),
});
export type Suggestions = Static<typeof Suggestions>;

export const CategoryList = Type.Object({
  items: Type.Array(Type.Object({ name: Type.String(), productCount: Type.Integer() })),
});
export type CategoryList = Static<typeof CategoryList>;

export const InternalProductsQuery = Type.Object({
  ids: Type.String({ minLength: 1, maxLength: 10_000, description: 'Comma-separated product ids, up to 100' }),
});

export const InternalProduct = Type.Object({
  id: Type.String(),
  name: Type.String(),
  category: Type.String(),
  image: Type.Union([Type.String(), Type.Null()]),
  price: Money,
  discountedPrice: Money,
  stock: Type.Integer(),
  deleted: Type.Boolean(),
});
export type InternalProduct = Static<typeof InternalProduct>;
export const InternalProductList = Type.Object({ items: Type.Array(InternalProduct) });
