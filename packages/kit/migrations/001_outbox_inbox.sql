-- Transactional outbox: an event is written in the same transaction as the change it describes,
-- one row per destination, and a relay delivers it at least once.
CREATE TABLE IF NOT EXISTS outbox (
  seq             bigserial PRIMARY KEY,
  event_id        uuid        NOT NULL,
  destination     text        NOT NULL,
  type            text        NOT NULL,
  key             text        NOT NULL,
  data            jsonb       NOT NULL,
  occurred_at     timestamptz NOT NULL DEFAULT now(),
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz,
  last_error      text,
  UNIQUE (event_id, destination)
);
CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (next_attempt_at) WHERE delivered_at IS NULL;

-- Inbox: events already applied (at-least-once delivery made idempotent) ...
CREATE TABLE IF NOT EXISTS inbox (
  event_id    uuid PRIMARY KEY,
  source      text        NOT NULL,
  type        text        NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
-- ... and, for events that carry a whole state, the newest applied per key, so an older one never wins.
CREATE TABLE IF NOT EXISTS inbox_versions (
  source text   NOT NULL,
  type   text   NOT NULL,
  key    text   NOT NULL,
  seq    bigint NOT NULL,
  PRIMARY KEY (source, type, key)
);
