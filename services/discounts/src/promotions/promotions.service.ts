import { randomUUID } from 'node:crypto';
import { AppError, assertCurrency, cursorPart, decodeCursor, pageOf, type Db, type Money } from '@emporium/kit';
import { percentInBasisPoints, windowOf, type Clock } from '../discounts/discount-rules.ts';
import { normalizeCode, promotionView, type Promotion, type PromotionType } from './promotion-rules.ts';
import * as repo from './promotions.repository.ts';
import type { CreatePromotion, PromotionQuery, UpdatePromotion } from './promotions.schemas.ts';

export interface PromotionDeps {
  db: Db;
  clock: Clock;
  shopCurrency: string;
}

const view = (deps: PromotionDeps, p: Promotion) => promotionView(p, deps.shopCurrency, deps.clock());

export async function listPromotions(deps: PromotionDeps, query: PromotionQuery) {
  const position = decodeCursor(query.cursor, [cursorPart.time, cursorPart.text]);
  const rows = await repo.listPromotions(deps.db, position && { createdAt: new Date(position[0]), id: position[1] }, query.limit + 1);
  return pageOf(rows, query.limit, (p) => view(deps, p), (p) => [p.createdAt.toISOString(), p.id]);
}

export async function createPromotion(deps: PromotionDeps, input: CreatePromotion) {
  const now = deps.clock();
  const fresh: Promotion = { ...termsFrom(deps, input), id: randomUUID(), timesUsed: 0, createdAt: now, updatedAt: now };
  const created = await repo.insertPromotion(deps.db, fresh);
  if (!created) throw codeTaken(fresh.code);
  return view(deps, created);
}

/** The request's fields over the stored ones, checked again as a whole (a new type needs its value). */
export async function updatePromotion(deps: PromotionDeps, id: string, input: UpdatePromotion) {
  const current = await repo.findPromotion(deps.db, id);
  if (!current) throw notFound(id);
  const merged = { ...storedFields(deps, current), ...input };
  // A type change without a value drops the old one rather than carrying a percent over to a fixed code.
  if (input.type !== undefined && input.type !== current.type && input.value === undefined) merged.value = undefined;
  const next: Promotion = { ...current, ...termsFrom(deps, merged), updatedAt: deps.clock() };
  const updated = await repo.updatePromotion(deps.db, next);
  if (!updated) throw codeTaken(next.code);
  return view(deps, updated);
}

export async function deletePromotion(deps: PromotionDeps, id: string): Promise<void> {
  if (!(await repo.deletePromotion(deps.db, id))) throw notFound(id);
}

type Fields = Omit<CreatePromotion, 'value'> & { value?: number | Money | null };

/** Everything but identity and counters, from a request: the value must fit the type (400 naming /body/value). */
function termsFrom(deps: PromotionDeps, input: Fields): Omit<Promotion, 'id' | 'timesUsed' | 'createdAt' | 'updatedAt'> {
  if (input.minSubtotal) assertCurrency(input.minSubtotal, deps.shopCurrency);
  return {
    code: normalizeCode(input.code),
    type: input.type,
    ...valueOf(deps, input.type, input.value ?? null),
    minSubtotal: input.minSubtotal?.amount ?? null,
    ...windowOf(input.startsAt ?? null, input.endsAt ?? null),
    usageLimit: input.usageLimit ?? null,
    perCustomerLimit: input.perCustomerLimit ?? null,
  };
}

function valueOf(deps: PromotionDeps, type: PromotionType, value: number | Money | null): { percentBps: number | null; amount: number | null } {
  if (type === 'percent' && typeof value === 'number') return { percentBps: percentInBasisPoints(value, '/body/value'), amount: null };
  if (type === 'fixed' && value !== null && typeof value === 'object') {
    assertCurrency(value, deps.shopCurrency);
    if (value.amount < 1) throw badValue('must be at least 1 minor unit');
    return { percentBps: null, amount: value.amount };
  }
  if (type === 'free_shipping' && value === null) return { percentBps: null, amount: null };
  throw badValue({ percent: 'must be a percent (1..90)', fixed: 'must be a Money amount', free_shipping: 'must be left out' }[type]);
}

const badValue = (message: string) =>
  new AppError('REQUEST.INVALID', 400, `/body/value ${message} for this type`, { errors: [{ path: '/body/value', message: `${message} for this type` }] });

function storedFields(deps: PromotionDeps, p: Promotion): Fields {
  const money = (amount: number | null) => (amount === null ? null : { amount, currency: deps.shopCurrency });
  return {
    code: p.code,
    type: p.type,
    value: p.type === 'percent' ? p.percentBps! / 100 : money(p.amount),
    minSubtotal: money(p.minSubtotal),
    startsAt: p.startsAt?.toISOString() ?? null,
    endsAt: p.endsAt?.toISOString() ?? null,
    usageLimit: p.usageLimit,
    perCustomerLimit: p.perCustomerLimit,
  };
}

const notFound = (id: string) => new AppError('PROMOTION.NOT_FOUND', 404, `No promotion with id "${id}"`);
const codeTaken = (code: string) =>
  new AppError('PROMOTION.CODE_TAKEN', 409, `The code ${code} is already in use`, { errors: [{ path: '/body/code', message: 'is already in use' }] });
