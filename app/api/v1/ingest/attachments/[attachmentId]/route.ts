// DELETE /api/v1/ingest/attachments/:attachmentId — soft-deletes an attachment → 204
import { ingestPreflight, ingestRoute } from "@/lib/api/ingest-route";
import { softDeleteAttachment } from "@/lib/events/attachments";

export const DELETE = ingestRoute<{ attachmentId: string }>(async ({ actor, params }) => {
  await softDeleteAttachment(actor, params.attachmentId);
  return new Response(null, { status: 204 });
});

export const OPTIONS = ingestPreflight;
