// POST /api/v1/ingest/attachments — multipart (eventId, file) → 201 { attachment }
import { NextResponse } from "next/server";
import { ingestPreflight, ingestRoute } from "@/lib/api/ingest-route";
import { readBody } from "@/lib/api/route";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { storeAttachment } from "@/lib/events/attachments";

// Room for the multipart framing and the eventId field around the file itself.
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export const POST = ingestRoute(async ({ request, actor }) => {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) throw new AppError("bad_request", "Send the file as multipart/form-data with the fields eventId and file");
  // Read with a cap first, so an oversized upload is refused before it is parsed or buffered whole.
  const body = await readBody(request, env.ATTACHMENT_MAX_BYTES + MULTIPART_OVERHEAD_BYTES);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("bad_request", "The multipart body could not be read");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("bad_request", "The form has no file field", { issues: [{ path: "file", message: "required: the file to attach" }] });
  const attachment = await storeAttachment(actor, { eventId: form.get("eventId"), file });
  return NextResponse.json({ attachment }, { status: 201 });
});

export const OPTIONS = ingestPreflight;
