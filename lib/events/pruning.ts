// The server's database size limit (DB_SIZE_LIMIT_GB): db_pruning drops the oldest event
// partitions, one at a time and never the current month's (nor any later one), until the database
// is under the limit, and says what it dropped.
import { getPool } from "@/lib/db/pool";
import { dropPartition, listPartitions } from "./partitions";
import { monthStart } from "./tables";

export const GIGABYTE = 1024 ** 3;

export async function databaseSize(): Promise<number> {
  const { rows } = await getPool().query<{ bytes: string }>("SELECT pg_database_size(current_database()) AS bytes");
  return Number(rows[0]!.bytes);
}

export interface PruneOptions {
  now: Date;
  limitBytes: number;
  isCancelled?: () => boolean;
  onDropped?: (name: string, sizeBytes: number) => void;
}

export interface PruneResult {
  limitBytes: number;
  sizeBeforeBytes: number;
  sizeAfterBytes: number;
  droppedPartitions: string[];
  /** Still over the limit with nothing left that may be dropped (only this month's partitions and later). */
  stillOver: boolean;
  cancelled: boolean;
}

export async function pruneToLimit(options: PruneOptions): Promise<PruneResult> {
  const { now, limitBytes, isCancelled = () => false, onDropped } = options;
  const sizeBeforeBytes = await databaseSize();
  const thisMonth = monthStart(now).getTime();
  const droppedPartitions: string[] = [];
  let size = sizeBeforeBytes;
  while (size > limitBytes) {
    if (isCancelled()) return { limitBytes, sizeBeforeBytes, sizeAfterBytes: size, droppedPartitions, stillOver: true, cancelled: true };
    // Oldest month first; within a month, the largest table first, so the fewest drops get under.
    const candidates = (await listPartitions()).filter((partition) => partition.to.getTime() <= thisMonth);
    candidates.sort((a, b) => a.from.getTime() - b.from.getTime() || b.bytes - a.bytes);
    const oldest = candidates[0];
    if (!oldest) return { limitBytes, sizeBeforeBytes, sizeAfterBytes: size, droppedPartitions, stillOver: true, cancelled: false };
    if (await dropPartition(oldest)) droppedPartitions.push(oldest.name);
    size = await databaseSize();
    onDropped?.(oldest.name, size);
  }
  return { limitBytes, sizeBeforeBytes, sizeAfterBytes: size, droppedPartitions, stillOver: false, cancelled: false };
}

export function formatBytes(bytes: number): string {
  if (bytes >= GIGABYTE) return `${(bytes / GIGABYTE).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
