// Every service's app, loaded on demand, for the tests that build the whole platform in one process.
export const services = {
  users: () => import('../services/users/src/app.ts'),
  products: () => import('../services/products/src/app.ts'),
  discounts: () => import('../services/discounts/src/app.ts'),
  orders: () => import('../services/orders/src/app.ts'),
  reviews: () => import('../services/reviews/src/app.ts'),
  payments: () => import('../services/payments/src/app.ts'),
  notifications: () => import('../services/notifications/src/app.ts'),
};
export type ServiceName = keyof typeof services;
