import { Type, type Static } from 'typebox';

export const ReservationId = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

export const ReserveStock = Type.Object({
  reservationId: Type.String({ minLength: 1, maxLength: 200 }),
  items: Type.Array(
    Type.Object({
      productId: Type.String({ minLength: 1, maxLength: 100 }),
      quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    }),
    { minItems: 1, maxItems: 100 },
  ),
  ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400 })),
  /** Sold at once (committed) instead of held: for a caller that releases the units itself if it does not go ahead. */
  commit: Type.Optional(Type.Boolean()),
});
export type ReserveStock = Static<typeof ReserveStock>;

export const ReservationStatus = Type.Enum(['held', 'committed', 'released']);
export type ReservationStatus = Static<typeof ReservationStatus>;

export const Reservation = Type.Object({
  reservationId: Type.String(),
  status: ReservationStatus,
  expiresAt: Type.String({ format: 'date-time' }),
});
export type Reservation = Static<typeof Reservation>;

export const ReservationState = Type.Object({ reservationId: Type.String(), status: ReservationStatus });

export const ReserveStockBatch = Type.Object({ reservations: Type.Array(ReserveStock, { minItems: 1, maxItems: 100 }) });

/** One answer of a batch: the status and body the single call would have given (a problem when it failed). */
