// The one owner of run state (PRODUCT.md "Job semantics" 2-12): every change to `job_runs` is made
// here, and each change queues the emails it owes in the same transaction. Nothing else writes
// runs (tests/unit/architecture.test.ts holds the rest of the code to that).
//
// create   pending, with its pg-boss job           createRun
// execute  pending → running, progress            claimRun, saveProgress
// end      → completed | failed | cancelled        finishRun, failRunsHeldAtShutdown, recoverStaleRuns,
//                                                  failOrphanedPendingRuns
// cancel   pending → cancelled, running → flagged  cancelRun
// lane     retry (new run at the head), skip       retryLane, skipLane
// fan-out  a fan-out run's hold on a project      claimProject, releaseProject
// purge    runs past retention                    countExpiredRuns, deleteExpiredRuns
export { createRun, type NewRun } from "./create";
export { cancelRun } from "./cancel";
export { claimRun, saveProgress, type ClaimedRun } from "./execute";
export { finishRun, failRunsHeldAtShutdown, failOrphanedPendingRuns, recoverStaleRuns, type Ending, type EndStatus, type LabelOf } from "./end";
export { retryLane, skipLane } from "./lane";
export { claimProject, releaseProject, type ProjectClaim } from "./fan-out-claims";
export { countExpiredRuns, deleteExpiredRuns, type Retention } from "./purge";
