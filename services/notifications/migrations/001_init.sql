-- Outgoing messages: the demo's mailbox and production's delivery log in one table. A message is
-- rendered when its event arrives (so the log shows exactly what was sent) and then sent by the
-- delivery loop, which leases due rows, retries with backoff and ends at `sent` or `failed`.
CREATE TABLE messages (
  id              text PRIMARY KEY,
  seq             bigserial NOT NULL UNIQUE,          -- newest first, the keyset of the list
  event_id        uuid NOT NULL UNIQUE,               -- one message per event, whatever redelivers it
  template        text NOT NULL,
  -- The user to write to when the event named no address (order events carry a customer id):
  -- the delivery loop asks users for the address and fills to_address before the first send.
  recipient_id    text,
  to_address      text,
  subject         text NOT NULL,
  text_body       text NOT NULL,
  html_body       text NOT NULL,
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  error           text,
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  leased_until    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  CHECK (to_address IS NOT NULL OR recipient_id IS NOT NULL)
);
CREATE INDEX messages_due ON messages (next_attempt_at, seq) WHERE status = 'queued';
CREATE INDEX messages_by_address ON messages (to_address, seq);
