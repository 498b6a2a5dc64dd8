import { requireRole, type App } from '@emporium/kit';
import { Type } from 'typebox';
import {
  CategoryList, CreateProduct, InternalProductList, InternalProductsQuery, Product, ProductId, ProductPage, ProductQuery, Suggestions,
  SuggestQuery, UpdateProduct,
} from './products.schemas.ts';
import { listProducts, suggestProducts } from './listing.service.ts';
import {
  createProduct, deleteProduct, getInternalProducts, getProduct, listCategories, updateProduct, type ProductDeps,
} from './products.service.ts';

const staffOnly = { onRequest: requireRole('employee') };
const bearer = [{ bearer: [] }];

export function productRoutes(app: App, deps: ProductDeps): void {
  app.get('/api/products', {
    schema: { tags: ['products'], summary: 'List products', querystring: ProductQuery, response: { 200: ProductPage } },
  }, (request) => listProducts(deps, request.query));

  app.get('/api/products/suggest', {
    schema: { tags: ['products'], summary: 'Products whose names match the words typed so far (type-ahead), at most 8', querystring: SuggestQuery, response: { 200: Suggestions } },
  }, (request) => suggestProducts(deps, request.query.q));

  app.get('/api/products/:id', {
    schema: { tags: ['products'], summary: 'Get a product (deleted ones too)', params: ProductId, response: { 200: Product } },
  }, (request) => getProduct(deps, request.params.id));

  app.post('/api/products', {
    ...staffOnly,
    schema: { tags: ['products'], summary: 'Create a product', security: bearer, body: CreateProduct, response: { 201: Product } },
  }, async (request, reply) => reply.status(201).send(await createProduct(deps, request.body)));

  app.patch('/api/products/:id', {
    ...staffOnly,
    schema: { tags: ['products'], summary: 'Change a product', security: bearer, params: ProductId, body: UpdateProduct, response: { 200: Product } },
  }, (request) => updateProduct(deps, request.params.id, request.body));

  app.delete('/api/products/:id', {
    ...staffOnly,
    schema: { tags: ['products'], summary: 'Delete a product from the catalog', security: bearer, params: ProductId, response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await deleteProduct(deps, request.params.id);
    return reply.status(204).send(null);
  });

  app.get('/api/categories', {
    schema: { tags: ['categories'], summary: 'Categories of listed products, with counts', response: { 200: CategoryList } },
  }, () => listCategories(deps));

  app.get('/internal/products', {
    schema: { hide: true, querystring: InternalProductsQuery, response: { 200: InternalProductList } },
  }, (request) => getInternalProducts(deps, request.query.ids));
}
