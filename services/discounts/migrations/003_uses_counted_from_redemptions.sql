-- A code's uses are counted from its redemptions, not kept in a counter on the promotion's row: every order
-- with a popular code updated that one row, so orders using it queued on its lock, one commit after another.
-- Now only a code with a limit takes its row lock (to count and decide); an unlimited code's use is one insert.
ALTER TABLE promotions DROP COLUMN times_used;
