-- CreateIndex
CREATE INDEX "job_runs_queue_job_id_idx" ON "job_runs"("queue_job_id");
