-- A review an employee hid stays hidden for its author and product even when the author deletes it
-- and writes it again: the hold belongs to (author, product), not to the review row. Showing the
-- review again (unhide) lifts the hold.
CREATE TABLE moderation_holds (
  author_id  text        NOT NULL,
  product_id text        NOT NULL,
  held_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (author_id, product_id)
);
INSERT INTO moderation_holds (author_id, product_id)
  SELECT author_id, product_id FROM reviews WHERE hidden ON CONFLICT DO NOTHING;
