-- A refresh-token family (one sign-in) ends at a fixed time however often it is rotated: each
-- token of the family carries the family's end, and no token outlives it. Families that exist
-- already end 90 days (the default REFRESH_FAMILY_MAX_DAYS) after their oldest stored token.
ALTER TABLE refresh_tokens ADD COLUMN family_expires_at timestamptz;
UPDATE refresh_tokens r SET family_expires_at = f.started + interval '90 days'
  FROM (SELECT family_id, min(created_at) AS started FROM refresh_tokens GROUP BY family_id) f
 WHERE r.family_id = f.family_id;
ALTER TABLE refresh_tokens ALTER COLUMN family_expires_at SET NOT NULL;
