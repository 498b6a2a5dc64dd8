-- Catalog imports run as jobs: their progress and outcome live here, so any instance can answer for one.
CREATE TABLE import_jobs (
  id          text PRIMARY KEY,
  format      text        NOT NULL CHECK (format IN ('emporium', 'amazon')),
  dry_run     boolean     NOT NULL,
  status      text        NOT NULL CHECK (status IN ('running', 'done', 'failed')),
  rows        integer     NOT NULL DEFAULT 0,
  created     integer     NOT NULL DEFAULT 0,
  updated     integer     NOT NULL DEFAULT 0,
  failed      integer     NOT NULL DEFAULT 0,
  -- The share of the file read so far (0..1), for a progress bar.
  progress    real        NOT NULL DEFAULT 0,
  -- Why a job failed as a whole (a header without a needed column, a peer down); row problems are in import_errors.
  message     text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- Moved on every batch: a running job not heard of for a while has lost its instance.
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE import_errors (
  job_id      text    NOT NULL REFERENCES import_jobs (id) ON DELETE CASCADE,
  -- Data rows count from 1 (the header is not a row).
  row_number  integer NOT NULL,
  column_name text    NOT NULL,
  message     text    NOT NULL,
  PRIMARY KEY (job_id, row_number)
);
