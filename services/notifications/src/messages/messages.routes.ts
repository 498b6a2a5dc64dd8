import { requireRole, type App, type Db } from '@emporium/kit';
import { NotificationPage, NotificationQuery } from './messages.schemas.ts';
import { listNotifications } from './messages.service.ts';

export function messageRoutes(app: App, deps: { db: Db }): void {
  app.get(
    '/api/notifications',
    {
      onRequest: requireRole('employee'),
      schema: {
        tags: ['notifications'],
        security: [{ bearer: [] }],
        summary: 'Outgoing messages, newest first',
        description: 'The mailbox in the demo, the delivery log in production',
        querystring: NotificationQuery,
        response: { 200: NotificationPage },
      },
    },
    async (request) => listNotifications(deps, request.query),
  );
}
