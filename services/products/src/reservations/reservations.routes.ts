import { answerEach, BatchResults, type App } from '@emporium/kit';
import { Reservation, ReservationId, ReservationState, ReserveStock, ReserveStockBatch } from './reservations.schemas.ts';
import { commitReservation, releaseReservation, reserveStock, type ReservationDeps } from './reservations.service.ts';

/**
 * Internal: stock taken for an order, all lines or none, either held (until committed, released or
 * expired) or committed at once; the orders service takes it committed and releases it if the order
 * is not saved.
 */
export function reservationRoutes(app: App, deps: ReservationDeps): void {
  app.post('/internal/reservations', {
    schema: { hide: true, body: ReserveStock, response: { 200: Reservation, 201: Reservation } },
  }, async (request, reply) => {
    const { created, reservation } = await reserveStock(deps, request.body);
    return reply.status(created ? 201 : 200).send(reservation);
  });

  // Batches, for an orders service placing many orders at once: each entry is decided on its own.
  app.post('/internal/reservations/batch', {
    schema: { hide: true, body: ReserveStockBatch, response: { 200: BatchResults } },
  }, (request) => answerEach(request.body.reservations, async (input) => {
    const { created, reservation } = await reserveStock(deps, input);
    return { status: created ? 201 : 200, body: reservation };
  }));

  app.post('/internal/reservations/:id/commit', {
    schema: { hide: true, params: ReservationId, response: { 200: ReservationState } },
  }, (request) => commitReservation(deps, request.params.id));

  app.post('/internal/reservations/:id/release', {
    schema: { hide: true, params: ReservationId, response: { 200: ReservationState } },
  }, (request) => releaseReservation(deps, request.params.id));
}
