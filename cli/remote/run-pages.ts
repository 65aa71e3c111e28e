// `jobs runs --all`: every run of a project, following nextCursor page by page (100 a page, the
// API's most) until the last page. The keyset cursor keeps pages stable while new runs arrive.
import type { ApiRun } from "@/lib/jobs/schemas";
import type { ApiClient } from "./client";

export interface RunsPage {
  runs: ApiRun[];
  nextCursor: string | null;
}

export const PAGE_SIZE = 100;

/** All pages of `/projects/:project/runs?<filters>`, as one page with no next cursor. */
export async function listAllRuns(client: ApiClient, runsPath: string, filters: Record<string, string>): Promise<RunsPage> {
  const runs: ApiRun[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ ...filters, limit: String(PAGE_SIZE), ...(cursor ? { cursor } : {}) });
    const page: RunsPage = await client.get<RunsPage>(`${runsPath}?${query}`);
    runs.push(...page.runs);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return { runs, nextCursor: null };
}
