-- Signing keys are kept sealed (AES-256-GCM with AUTH_KEY_ENCRYPTION_KEY, which never enters the
-- database) or not at all (AUTH_SIGNING_KEY_FILE: only the public half is stored, to publish it).
-- A key that stopped signing is retired: its private half is wiped, and the JWKS keeps its public
-- half only while tokens it signed can still be alive. Plaintext keys of older versions are sealed
-- or retired at the next start.
ALTER TABLE signing_keys ALTER COLUMN private_jwk DROP NOT NULL;
ALTER TABLE signing_keys ADD COLUMN sealed_private_jwk text;
ALTER TABLE signing_keys ADD COLUMN retired_at timestamptz;
