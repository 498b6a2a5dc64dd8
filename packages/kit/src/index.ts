export { AppError, problemOf, sendProblem, type Problem, type FieldError } from './errors.ts';
export { baseConfig, loadConfig, ConfigError, authOptionsFrom, PeerUrls, tracingConfig } from './config.ts';
export { requestContext, currentRequestId } from './context.ts';
export { openDb, ensureDatabase, dropDatabase, plannedOnEveryCall, type Db, type Queryable, type Row, type DbOptions } from './db.ts';
export { migrate, migrateService, openServiceDb } from './migrate.ts';
export { canListen } from './ports.ts';
export { createInstanceSet, instanceFailure, parseUrls, type Instance, type InstanceSet } from './instances.ts';
export { createPeer, expectOk, rethrowProblem, type Peer, type PeerOptions, type PeerRequest, type PeerResponse } from './http.ts';
export { answerEach, BatchResults, type BatchResult } from './batch-results.ts';
export { currentUser, isStaff, requireRole, requireUser, roleAllows, ROLES, type AuthUser, type AuthOptions, type Role } from './auth.ts';
export {
  createServiceCredential, generateServiceSecret, serviceCredentialFrom, SERVICE_AUDIENCE, SERVICE_ISSUER, SERVICE_TOKEN_HEADER, SERVICE_TOKEN_TYPE,
  type ServiceCredential,
} from './service-token.ts';
export { signAccessToken, type SigningKey, type TokenClaims } from './tokens.ts';
export { destinationsOf, outboxInsertFrom, publishEvent, startOutboxRelay, type EventEnvelope, type Relay, type Subscriptions } from './outbox.ts';
export { pruneDeliveredEvents } from './outbox-retention.ts';
export { applyEvent, registerInbox, type EventHandler } from './inbox.ts';
export { buildService, type App, type ServiceOptions } from './service.ts';
export { runService } from './server.ts';
export { MAX_AMOUNT, Money, formatMoney, discountedAmount, percentToBasisPoints, basisPointsToPercent, assertCurrency } from './money.ts';
export { ListQuery, Page, cursorPart, encodeCursor, decodeCursor, pageOf, type CursorPart } from './pagination.ts';
export { Id, IdParams } from './ids.ts';
export { canonicalJson, requestFingerprint } from './fingerprint.ts';
export { batchedPer, createBatcher, type BatcherOptions } from './batcher.ts';
export { defineEvent, eventOf, handlerOf, subscriptionsOf, type EventContract } from './events/contract.ts';
export {
  DiscountChanged, OrderCancelled, OrderDelivered, OrderPaid, OrderPlaced, OrderShipped, PaymentUpdated, RatingChanged,
  UserPasswordResetRequested, UserRegistered, UserVerificationRequested,
} from './events/catalog.ts';
export { startWorkLoop, type WorkLoop } from './work-loop.ts';
export { flushTracing, incomingTraceparent, startTracing, traced, tracedQuery, tracingEnabled } from './tracing.ts';
