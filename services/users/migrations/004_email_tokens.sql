-- Whether the account holder proved the address is theirs (a link from the verification email).
-- Accounts made before this are unverified; the ones made at start (demo, ADMIN_EMAIL) are verified.
ALTER TABLE users ADD COLUMN email_verified boolean NOT NULL DEFAULT false;

-- Single-use tokens sent by email: verify an address, or reset a password. Like refresh tokens,
-- only their SHA-256 is kept, so the table alone opens no account.
CREATE TABLE email_tokens (
  token_hash text PRIMARY KEY,
  user_id    text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose    text NOT NULL CHECK (purpose IN ('verify_email', 'password_reset')),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_tokens_user ON email_tokens (user_id, purpose);
CREATE INDEX email_tokens_expires ON email_tokens (expires_at);
