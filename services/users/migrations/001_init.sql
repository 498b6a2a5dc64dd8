-- Accounts. Emails are stored lower-cased, which makes them unique case-insensitively.
CREATE TABLE users (
  id            text PRIMARY KEY,
  seq           bigserial NOT NULL UNIQUE,          -- creation order, the keyset of the admin list
  email         text NOT NULL UNIQUE CHECK (email = lower(email)),
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('customer', 'employee', 'admin')),
  password_hash text NOT NULL,
  addresses     jsonb NOT NULL DEFAULT '[]',
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Refresh tokens are opaque random strings; only their SHA-256 is kept. Every token descends from
-- one login (its family); a token is used once (used_at), and using it again revokes the family.
CREATE TABLE refresh_tokens (
  token_hash  text PRIMARY KEY,
  family_id   text NOT NULL,
  user_id     text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at  timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  used_at     timestamptz,
  revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

-- The key pair that signs access tokens, made on first start and shared by every instance.
CREATE TABLE signing_keys (
  kid         text PRIMARY KEY,
  alg         text NOT NULL,
  private_jwk jsonb NOT NULL,
  public_jwk  jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Failed sign-ins, one row each, per scope ('account:<email>' or 'address:<ip>'): a sliding window
-- kept in the database so that every instance counts the same failures.
CREATE TABLE login_failures (
  id     bigserial PRIMARY KEY,
  scope  text NOT NULL,
  at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_scope_at ON login_failures (scope, at);
CREATE INDEX login_failures_at ON login_failures (at);
