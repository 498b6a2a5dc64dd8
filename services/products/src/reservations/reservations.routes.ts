import type { App } from '@emporium/kit';
import { Reservation, ReservationId, ReservationState, ReserveStock } from './reservations.schemas.ts';
import { commitReservation, releaseReservation, reserveStock, type ReservationDeps } from './reservations.service.ts';

/** Internal: the orders service holds stock while it places an order, then commits or releases it. */
export function reservationRoutes(app: App, deps: ReservationDeps): void {
  app.post('/internal/reservations', {
    schema: { hide: true, body: ReserveStock, response: { 200: Reservation, 201: Reservation } },
  }, async (request, reply) => {
    const { created, reservation } = await reserveStock(deps, request.body);
    return reply.status(created ? 201 : 200).send(reservation);
  });

  app.post('/internal/reservations/:id/commit', {
    schema: { hide: true, params: ReservationId, response: { 200: ReservationState } },
  }, (request) => commitReservation(deps, request.params.id));

  app.post('/internal/reservations/:id/release', {
    schema: { hide: true, params: ReservationId, response: { 200: ReservationState } },
  }, (request) => releaseReservation(deps, request.params.id));
}
