-- The Failures page's rollup (docs/decisions/021-failures-rollup.md): failed runs counted by
-- project, job type and error, per hour and per day of the runs' creation, so the page reads a few
-- rows per group instead of every failed run of its window. Kept by triggers on job_runs, whoever
-- ends or deletes a run (the worker, a stopping worker, the stale-run sweep, retention, a project's
-- deletion), in the same transaction.

-- One error, one fingerprint: the message's md5 (a missing message counts as "(no message)").
CREATE FUNCTION "failure_fingerprint"(message text) RETURNS uuid AS $$
  SELECT md5(coalesce(message, '(no message)'))::uuid
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

CREATE TABLE "failure_groups" (
    "project_id" UUID NOT NULL,
    -- 'hour' or 'day': the bucket's length. Day buckets answer whole days of a window, hour buckets
    -- its first (partial) day, so a window is exact to the hour at any length.
    "span" TEXT NOT NULL,
    -- The bucket's start, in UTC; it holds the failed runs created in [bucket, bucket + span).
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT NOT NULL,
    "fingerprint" UUID NOT NULL,
    "message" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "newest_run_id" UUID NOT NULL,
    CONSTRAINT "failure_groups_pkey" PRIMARY KEY ("project_id", "span", "bucket", "type", "fingerprint"),
    CONSTRAINT "failure_groups_span_check" CHECK ("span" IN ('hour', 'day'))
);
ALTER TABLE "failure_groups" ADD CONSTRAINT "failure_groups_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One group's failed runs in one bucket, for when runs leave the rollup and its first or last
-- sighting has to be read again: a range of this index, never the project's history.
CREATE INDEX "job_runs_failures_idx" ON "job_runs" ("project_id", "type", failure_fingerprint("error_message"), "created_at") WHERE "status" = 'failed';

-- Runs that stop counting (deleted, or no longer failed): their buckets lose them. Counts are
-- subtracted, so concurrent writers never lose each other's runs; first/last seen and the newest
-- run are read again from the runs left only when the runs that went held them. Buckets left empty go.
CREATE FUNCTION "failure_groups_forget"(project_ids uuid[], types text[], messages text[], created timestamptz[], seen timestamptz[]) RETURNS void AS $$
  WITH lost AS (
    SELECT run.project_id, span, date_trunc(span, run.created_at, 'UTC') AS bucket, run.type, failure_fingerprint(run.message) AS fingerprint,
           count(*)::int AS failures, min(run.seen_at) AS first_seen_at, max(run.seen_at) AS last_seen_at
      FROM unnest(project_ids, types, messages, created, seen) AS run(project_id, type, message, created_at, seen_at)
     CROSS JOIN unnest(ARRAY['hour', 'day']) AS span
     GROUP BY 1, 2, 3, 4, 5)
  UPDATE failure_groups AS f
     SET failures = f.failures - lost.failures,
         first_seen_at = CASE WHEN lost.first_seen_at > f.first_seen_at THEN f.first_seen_at ELSE coalesce((
           SELECT min(coalesce(run.finished_at, run.created_at)) FROM job_runs AS run
            WHERE run.project_id = f.project_id AND run.type = f.type AND failure_fingerprint(run.error_message) = f.fingerprint AND run.status = 'failed'
              AND run.created_at >= f.bucket AND run.created_at < f.bucket + CASE f.span WHEN 'hour' THEN interval '1 hour' ELSE interval '24 hours' END), f.first_seen_at) END,
         last_seen_at = CASE WHEN lost.last_seen_at < f.last_seen_at THEN f.last_seen_at ELSE coalesce((
           SELECT max(coalesce(run.finished_at, run.created_at)) FROM job_runs AS run
            WHERE run.project_id = f.project_id AND run.type = f.type AND failure_fingerprint(run.error_message) = f.fingerprint AND run.status = 'failed'
              AND run.created_at >= f.bucket AND run.created_at < f.bucket + CASE f.span WHEN 'hour' THEN interval '1 hour' ELSE interval '24 hours' END), f.last_seen_at) END,
         newest_run_id = CASE WHEN lost.last_seen_at < f.last_seen_at THEN f.newest_run_id ELSE coalesce((
           SELECT run.id FROM job_runs AS run
            WHERE run.project_id = f.project_id AND run.type = f.type AND failure_fingerprint(run.error_message) = f.fingerprint AND run.status = 'failed'
              AND run.created_at >= f.bucket AND run.created_at < f.bucket + CASE f.span WHEN 'hour' THEN interval '1 hour' ELSE interval '24 hours' END
            ORDER BY coalesce(run.finished_at, run.created_at) DESC, run.id DESC LIMIT 1), f.newest_run_id) END
    FROM lost
   WHERE (f.project_id, f.span, f.bucket, f.type, f.fingerprint) = (lost.project_id, lost.span, lost.bucket, lost.type, lost.fingerprint);

  DELETE FROM failure_groups AS f
   USING unnest(project_ids, types, messages, created) AS run(project_id, type, message, created_at)
   CROSS JOIN unnest(ARRAY['hour', 'day']) AS spans(span)
   WHERE (f.project_id, f.span, f.bucket, f.type, f.fingerprint) = (run.project_id, spans.span, date_trunc(spans.span, run.created_at, 'UTC'), run.type, failure_fingerprint(run.message))
     AND f.failures <= 0;
$$ LANGUAGE sql;

-- A run that fails (or, never in practice, stops being failed or changes its error while failed).
-- Row-level, so the WHEN clauses below keep every other write (progress, claims) free of it.
CREATE FUNCTION "job_runs_count_failure"() RETURNS trigger AS $$
DECLARE
  seen timestamptz;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status = 'failed' AND OLD.project_id IS NOT NULL THEN
    PERFORM failure_groups_forget(ARRAY[OLD.project_id], ARRAY[OLD.type], ARRAY[OLD.error_message], ARRAY[OLD.created_at], ARRAY[coalesce(OLD.finished_at, OLD.created_at)]);
  END IF;
  IF NEW.status = 'failed' AND NEW.project_id IS NOT NULL THEN
    seen := coalesce(NEW.finished_at, NEW.created_at);
    INSERT INTO failure_groups AS f (project_id, span, bucket, type, fingerprint, message, failures, first_seen_at, last_seen_at, newest_run_id)
    SELECT NEW.project_id, span, date_trunc(span, NEW.created_at, 'UTC'), NEW.type, failure_fingerprint(NEW.error_message),
           coalesce(NEW.error_message, '(no message)'), 1, seen, seen, NEW.id
      FROM unnest(ARRAY['hour', 'day']) AS span
    ON CONFLICT (project_id, span, bucket, type, fingerprint) DO UPDATE
       SET failures = f.failures + 1,
           first_seen_at = least(f.first_seen_at, excluded.first_seen_at),
           last_seen_at = greatest(f.last_seen_at, excluded.last_seen_at),
           newest_run_id = CASE WHEN excluded.last_seen_at >= f.last_seen_at THEN excluded.newest_run_id ELSE f.newest_run_id END;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "job_runs_count_failed_insert" AFTER INSERT ON "job_runs"
  FOR EACH ROW WHEN (NEW.status = 'failed') EXECUTE FUNCTION "job_runs_count_failure"();
CREATE TRIGGER "job_runs_count_failed_update" AFTER UPDATE OF "status", "error_message", "type", "project_id", "created_at" ON "job_runs"
  FOR EACH ROW WHEN ((OLD.status = 'failed' OR NEW.status = 'failed')
                     AND (OLD.status, OLD.error_message, OLD.type, OLD.project_id, OLD.created_at) IS DISTINCT FROM (NEW.status, NEW.error_message, NEW.type, NEW.project_id, NEW.created_at))
  EXECUTE FUNCTION "job_runs_count_failure"();

-- Deleted runs (retention, a project's deletion): one pass per statement over the runs it removed.
CREATE FUNCTION "job_runs_forget_failures"() RETURNS trigger AS $$
BEGIN
  PERFORM failure_groups_forget(array_agg(project_id), array_agg(type), array_agg(error_message), array_agg(created_at), array_agg(coalesce(finished_at, created_at)))
     FROM removed WHERE status = 'failed' AND project_id IS NOT NULL
    HAVING count(*) > 0;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "job_runs_forget_failures" AFTER DELETE ON "job_runs"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "job_runs_forget_failures"();

-- The runs that failed before this migration.
INSERT INTO failure_groups (project_id, span, bucket, type, fingerprint, message, failures, first_seen_at, last_seen_at, newest_run_id)
SELECT run.project_id, span, date_trunc(span, run.created_at, 'UTC'), run.type, failure_fingerprint(run.error_message), min(coalesce(run.error_message, '(no message)')),
       count(*)::int, min(coalesce(run.finished_at, run.created_at)), max(coalesce(run.finished_at, run.created_at)),
       (array_agg(run.id ORDER BY coalesce(run.finished_at, run.created_at) DESC, run.id DESC))[1]
  FROM job_runs AS run CROSS JOIN unnest(ARRAY['hour', 'day']) AS span
 WHERE run.status = 'failed' AND run.project_id IS NOT NULL
 GROUP BY 1, 2, 3, 4, 5;

-- A window's buckets with what the page sums, read from the index alone: the heap interleaves
-- hour and day rows (and their messages), so a 30-day window would otherwise touch a page per row
-- or two (3,000 buffers against 130 on the 1M-run fill).
CREATE INDEX "failure_groups_window_idx" ON "failure_groups" ("project_id", "span", "bucket") INCLUDE ("type", "fingerprint", "failures", "first_seen_at", "last_seen_at");

-- A group's bucket that saw it last (its message and newest run), for the 25 groups of a page.
CREATE INDEX "failure_groups_project_id_type_fingerprint_last_seen_at_idx" ON "failure_groups" ("project_id", "type", "fingerprint", "last_seen_at" DESC);
