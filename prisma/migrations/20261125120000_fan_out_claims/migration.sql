-- CreateTable
CREATE TABLE "fan_out_claims" (
    "type" TEXT NOT NULL,
    "project_id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "claimed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fan_out_claims_pkey" PRIMARY KEY ("type","project_id")
);

-- CreateIndex
CREATE INDEX "fan_out_claims_run_id_idx" ON "fan_out_claims"("run_id");

-- AddForeignKey
ALTER TABLE "fan_out_claims" ADD CONSTRAINT "fan_out_claims_project_id_fkey" FOREIGN KEY ("project_id") REFERENCES "projects"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fan_out_claims" ADD CONSTRAINT "fan_out_claims_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "job_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
