// Query plans as PostgreSQL executed them (EXPLAIN ANALYZE), flattened, for tests that check a
// query's cost in kind (which relations, which indexes, how many rows read) and never by time.
import { getPool } from "@/lib/db/pool";

export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Actual Rows": number;
  "Actual Loops": number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}

/** Every node of the executed plan of `sql`, parents before children. */
export async function plan(sql: string, values: unknown[]): Promise<PlanNode[]> {
  const { rows } = await getPool().query(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, values);
  const nodes: PlanNode[] = [];
  const walk = (node: PlanNode) => {
    nodes.push(node);
    node.Plans?.forEach(walk);
  };
  walk(rows[0]["QUERY PLAN"][0].Plan);
  return nodes;
}

export const onRelation = (nodes: PlanNode[], relation: string) => nodes.filter((node) => node["Relation Name"] === relation);
/** Rows a node produced over all its loops, plus the ones its filter threw away: what it read. */
export const rowsRead = (node: PlanNode) => node["Actual Rows"] * node["Actual Loops"] + (node["Rows Removed by Filter"] ?? 0);
