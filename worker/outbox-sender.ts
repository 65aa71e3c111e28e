// The worker's side of the outbox (semantics 11 and 13): emails over SMTP and webhooks, sent by
// lib/notify/deliver.ts. Without SMTP_URL, emails are written to the worker log once and kept as
// `held`.
import nodemailer from "nodemailer";
import { sendDueDeliveries } from "@/lib/notify/deliver";
import { log } from "./logger";

export interface OutboxOptions {
  smtpUrl?: string;
  from: string;
  /** First retry delay; doubles per attempt up to an hour. */
  retryBaseMs?: number;
  webhookTimeoutMs?: number;
  batchSize?: number;
}

export function createOutboxSender(options: OutboxOptions) {
  // Timeouts well inside a delivery's two-minute lease (lib/notify/deliver.ts), so a mail server
  // that hangs cannot hold an email past it and see it sent twice.
  const transport = options.smtpUrl ? nodemailer.createTransport({ url: options.smtpUrl, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 }) : null;
  const report = (level: "info" | "warn", message: string, fields: Record<string, unknown>) => {
    const { body, ...rest } = fields;
    log(level, message, rest);
    if (typeof body === "string") log(level, body);
  };
  return {
    sendDue: () =>
      sendDueDeliveries({
        mail: transport ? { transport, from: options.from } : null,
        retryBaseMs: options.retryBaseMs ?? 5000,
        webhookTimeoutMs: options.webhookTimeoutMs,
        batchSize: options.batchSize,
        report,
      }),
    close: () => transport?.close(),
  };
}
