-- The worker processes, as they say themselves (worker/heartbeat.ts): each writes its row when it
-- starts, refreshes heartbeat_at with the runs it is executing every heartbeat_seconds, and marks
-- it stopped when it stops gracefully. A row whose heartbeat is older than three beats is a worker
-- that died or froze (`taskdeck admin health`). Rows a day old are pruned at each start.
CREATE TABLE "workers" (
  "id" UUID NOT NULL,
  "hostname" TEXT NOT NULL,
  "pid" INTEGER NOT NULL,
  "version" TEXT NOT NULL,
  "queues" TEXT[],
  "concurrency" INTEGER NOT NULL,
  "heartbeat_seconds" INTEGER NOT NULL,
  "running_run_ids" UUID[] DEFAULT '{}',
  "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "stopped_at" TIMESTAMPTZ(3),
  CONSTRAINT "workers_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "workers_heartbeat_at_idx" ON "workers" ("heartbeat_at");
