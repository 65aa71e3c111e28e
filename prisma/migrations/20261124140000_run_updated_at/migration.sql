-- AlterTable
ALTER TABLE "job_runs" ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateIndex
CREATE INDEX "job_runs_project_id_updated_at_idx" ON "job_runs"("project_id", "updated_at");

-- Hand-written: a trigger keeps updated_at current on every update, including the worker's plain
-- SQL writes (claim, progress, finish) that Prisma's @updatedAt would never see.
CREATE FUNCTION "job_runs_touch_updated_at"() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := clock_timestamp();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "job_runs_touch_updated_at" BEFORE UPDATE ON "job_runs"
  FOR EACH ROW EXECUTE FUNCTION "job_runs_touch_updated_at"();
