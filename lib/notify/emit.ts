// How a job tells a team about what it found (semantics 13): `emitNotification(tx, type, …)` inside
// the transaction that writes what it tells about, so the notification exists exactly when those
// writes do, and a retried or crashed job never sends one for writes that were rolled back. The
// team's members who chose the type get an email, its webhooks that receive the type a delivery.
//
//   await prisma.$transaction(async (tx) => {
//     await tx.appStoreReview.createMany({ data: reviews });
//     await emitNotification(tx, "app.review_new", { teamId, projectId, data: { … } });
//   });
import { appUrl } from "@/lib/env";
import { notificationEmail } from "./emails";
import { recordNotification, rows, type NotificationDb, type RecordedNotification } from "./outbox";
import { notificationTypes, type NotificationData, type RoutableType } from "./types";

export interface Emission<T extends RoutableType> {
  teamId: string;
  projectId?: string | null;
  runId?: string | null;
  data: NotificationData<T>;
}

async function teamOf(db: NotificationDb, teamId: string): Promise<{ slug: string; name: string }> {
  const [team] = await rows<{ slug: string; name: string }>(db, `SELECT slug, name FROM teams WHERE id = $1::uuid`, [teamId]);
  if (!team) throw new Error(`No team ${teamId} to notify`);
  return team;
}

/** Records a team notification with its deliveries on `db` (the caller's transaction). */
export async function emitNotification<T extends RoutableType>(db: NotificationDb, type: T, emission: Emission<T>): Promise<RecordedNotification> {
  const definition = notificationTypes[type];
  // A job that emits data of the wrong shape fails here, before anything is written.
  const data = definition.data.parse(emission.data) as NotificationData<T>;
  const email = notificationEmail(type, data, { team: await teamOf(db, emission.teamId), appUrl: appUrl() });
  return recordNotification(db, {
    type,
    teamId: emission.teamId,
    projectId: emission.projectId ?? null,
    runId: emission.runId ?? null,
    email,
    data,
    to: { members: { audience: definition.audience, emailByDefault: definition.emailByDefault }, subscribedWebhooks: true },
  });
}
