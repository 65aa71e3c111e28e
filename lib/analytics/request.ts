// The app's ONGOING Analytics Reports request: the one remembered in analytics_report_requests while
// App Store Connect still has it running; otherwise created. App Store Connect allows one ONGOING
// request per app and answers a second create with 409 STATE_ERROR without the existing id, so a
// 409 means one was made elsewhere (another tool, or a pull whose answer was lost): it is looked up
// through the app. A request stopped for inactivity produces nothing more and blocks a new create
// until deleted, so it is deleted and replaced.
import {
  createReportRequest,
  deleteReportRequest,
  getReportRequest,
  listReportRequests,
  type AnalyticsReportRequest,
} from "@/lib/appstore/analytics";
import type { AppStoreSession } from "@/lib/appstore/client";
import { rememberRequest, rememberedRequestId } from "./store";

const ACCESS_TYPE = "ONGOING";

export interface OngoingRequest {
  id: string;
  /** created, found (after a 409), remembered, or replaced (a stopped one deleted first). */
  how: "created" | "found" | "remembered" | "replaced";
}

async function createOrFind(session: AppStoreSession): Promise<{ request: AnalyticsReportRequest; how: "created" | "found" }> {
  const created = await createReportRequest(session.client, session.appId, ACCESS_TYPE);
  if (created) return { request: created, how: "created" };
  const [existing] = await listReportRequests(session.client, session.appId, ACCESS_TYPE);
  if (!existing) throw new Error("App Store Connect refused a new ONGOING analytics report request (409 STATE_ERROR) but lists none for the app");
  return { request: existing, how: "found" };
}

export async function ensureOngoingRequest(session: AppStoreSession): Promise<OngoingRequest> {
  const rememberedId = await rememberedRequestId(session.projectId, session.appId, ACCESS_TYPE);
  const remembered = rememberedId ? await getReportRequest(session.client, rememberedId) : null;
  let request: AnalyticsReportRequest;
  let how: OngoingRequest["how"];
  if (remembered) ({ request, how } = { request: remembered, how: "remembered" });
  else ({ request, how } = await createOrFind(session));

  if (request.attributes.stoppedDueToInactivity) {
    await deleteReportRequest(session.client, request.id);
    const replacement = await createOrFind(session);
    if (replacement.request.attributes.stoppedDueToInactivity) throw new Error(`App Store Connect still lists a stopped analytics report request (${replacement.request.id}) after deleting ${request.id}`);
    request = replacement.request;
    how = "replaced";
  }
  await rememberRequest(session.projectId, session.appId, ACCESS_TYPE, request.id);
  return { id: request.id, how };
}
