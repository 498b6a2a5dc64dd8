// The product's fields: name, description, category, price, stock, image and link URLs.
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { products as productsApi } from '../../api/endpoints.ts';
import { fieldErrorsOf } from '../../api/errors.ts';
import type { Product, ProductInput } from '../../api/types.ts';
import { TextArea, TextField } from '../../components/Field.tsx';
import { ErrorNotice, SuccessNotice } from '../../components/Notice.tsx';
import { getShopCurrency, moneyInputText, parseMoneyInput } from '../../format.ts';
import { useLoad } from '../../data.ts';
import { useAction } from '../../hooks.ts';

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/** Field errors for list entries ("images.1") are shown on the list's field. */
function listErrors(errors: Record<string, string>) {
  const merged = { ...errors };
  for (const [key, message] of Object.entries(errors)) {
    const [list, index] = key.split('.');
    if ((list === 'images' || list === 'links') && index !== undefined) merged[list] ??= `Line ${Number(index) + 1}: ${message}`;
    if (list === 'price' && index !== undefined) merged.price ??= message;
  }
  return merged;
}

interface ProductFormProps {
  product: Product | null;
  onSaved: (product: Product) => void;
  /** What the page last did (created, saved stock, ...): shown until the next save. */
  notice: string;
}

export function ProductForm({ product, onSaved, notice }: ProductFormProps) {
  const currency = product?.price.currency ?? getShopCurrency();
  const [form, setForm] = useState({
    name: product?.name ?? '', description: product?.description ?? '', category: product?.category ?? '',
    price: product ? moneyInputText(product.price.amount, currency) : '', stock: String(product?.stock ?? 0),
    images: product?.images.join('\n') ?? '', links: product?.links.join('\n') ?? '',
  });
  const categories = useLoad(['categories'], () => productsApi.categories());
  const action = useAction();
  const errors = listErrors(fieldErrorsOf(action.error));
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amount = parseMoneyInput(form.price, currency);
    const stock = Number(form.stock);
    const local = [
      ...(amount === null ? [{ path: '/body/price', message: 'Enter a price like 19.99' }] : []),
      ...(!/^\d+$/.test(form.stock.trim()) ? [{ path: '/body/stock', message: 'Enter a whole number, 0 or more' }] : []),
    ];
    if (local.length) return action.setError(new ApiError(400, { status: 400, errors: local }));
    const input: ProductInput = {
      name: form.name.trim(), description: form.description.trim(), category: form.category.trim(),
      price: { amount: amount!, currency }, stock, images: lines(form.images), links: lines(form.links),
    };
    void action.run(async () => {
      onSaved(product ? await productsApi.update(product.id, input) : await productsApi.create(input));
    });
  };

  return (
    <form className="card product-form" onSubmit={submit} noValidate>
      <TextField label="Name" value={form.name} onChange={set('name')} error={errors.name} required />
      <TextArea label="Description" rows={5} value={form.description} onChange={set('description')} error={errors.description} />
      <TextField label="Category" list="category-options" value={form.category} onChange={set('category')} error={errors.category} required />
      <datalist id="category-options">
        {categories.data?.items.map((category) => <option key={category.name} value={category.name} />)}
      </datalist>
      <div className="field-row">
        <TextField label={`Price (${currency})`} inputMode="decimal" value={form.price} onChange={set('price')} error={errors.price ?? errors['price.amount']} required />
        <TextField label="Stock" inputMode="numeric" value={form.stock} onChange={set('stock')} error={errors.stock} required />
      </div>
      <TextArea label="Image URLs (one per line)" rows={3} value={form.images} onChange={set('images')} error={errors.images}
        hint="e.g. /images/products/kettle.svg or https://…" />
      <TextArea label="Links (one per line)" rows={2} value={form.links} onChange={set('links')} error={errors.links} />
      <ErrorNotice error={action.error} />
      {action.error || action.busy ? null : <SuccessNotice>{notice}</SuccessNotice>}
      <button type="submit" className="primary" disabled={action.busy}>{action.busy ? 'Saving…' : product ? 'Save changes' : 'Create product'}</button>
    </form>
  );
}
