import { randomUUID } from 'node:crypto';
import { AppError, assertCurrency, isStaff, type AuthUser, type Db, type Money } from '@emporium/kit';
import * as repo from './shipping.repository.ts';
import type { CreateShippingMethod, ShippingMethodJson, ShippingMethodQuery, UpdateShippingMethod } from './shipping.schemas.ts';

export interface ShippingDeps {
  db: Db;
  currency: string;
}

export async function listShippingMethods(deps: ShippingDeps, user: AuthUser | null, query: ShippingMethodQuery) {
  if (query.includeInactive && !isStaff(user)) throw new AppError('AUTH.FORBIDDEN', 403, 'Only staff see retired shipping methods');
  const methods = await repo.listMethods(deps.db, { country: query.country, includeInactive: query.includeInactive ?? false });
  return { items: methods.map((m) => methodJson(m, deps.currency)) };
}

export async function createShippingMethod(deps: ShippingDeps, input: CreateShippingMethod): Promise<ShippingMethodJson> {
  const method = await repo.insertMethod(deps.db, recordOf(deps, randomUUID(), input));
  return methodJson(method, deps.currency);
}

/** The request's fields over the stored ones, checked again as a whole. Orders placed with it keep their snapshot. */
export async function updateShippingMethod(deps: ShippingDeps, id: string, input: UpdateShippingMethod): Promise<ShippingMethodJson> {
  const current = await repo.findMethod(deps.db, id);
  if (!current) throw notFound();
  const merged = { ...methodJson(current, deps.currency), ...input };
  const updated = await repo.updateMethod(deps.db, recordOf(deps, id, merged));
  if (!updated) throw notFound();
  return methodJson(updated, deps.currency);
}

export async function deleteShippingMethod(deps: ShippingDeps, id: string): Promise<void> {
  if (!(await repo.deleteMethod(deps.db, id))) throw notFound();
}

function recordOf(deps: ShippingDeps, id: string, input: CreateShippingMethod): repo.ShippingMethodRecord {
  const amountOf = (money: Money) => (assertCurrency(money, deps.currency), money.amount);
  if (input.minDays > input.maxDays) {
    throw new AppError('REQUEST.INVALID', 400, '/body/minDays must not be more than maxDays', {
      errors: [{ path: '/body/minDays', message: 'must not be more than maxDays' }],
    });
  }
  return {
    id,
    name: input.name,
    carrier: input.carrier,
    price: amountOf(input.price),
    freeOver: input.freeOver ? amountOf(input.freeOver) : null,
    minDays: input.minDays,
    maxDays: input.maxDays,
    countries: input.countries.includes('*') ? ['*'] : input.countries,
    active: input.active ?? true,
  };
}

export function methodJson(m: repo.ShippingMethodRecord, currency: string): ShippingMethodJson {
  return {
    id: m.id,
    name: m.name,
    carrier: m.carrier,
    price: { amount: m.price, currency },
    freeOver: m.freeOver === null ? null : { amount: m.freeOver, currency },
    minDays: m.minDays,
    maxDays: m.maxDays,
    countries: m.countries,
    active: m.active,
  };
}

const notFound = () => new AppError('SHIPPING_METHOD.NOT_FOUND', 404, 'No such shipping method');
