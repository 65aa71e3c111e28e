// A project's integrations as stored: settings in `config`, credentials sealed in `secrets`
// (lib/secrets/seal.ts), what pages may show in `secretHint`. Secrets leave this module only opened
// for a job or a connection check, never in a view.
import { ensureStoreApp } from "@/lib/apps/store-app";
import { createPrivateKey } from "node:crypto";
import { z } from "zod";
import { signingKey } from "@/lib/appstore/token";
import { prisma } from "@/lib/db/prisma";
import { AppError, invalid } from "@/lib/errors";
import type { Integration } from "@/lib/generated/prisma/client";
import { open, seal } from "@/lib/secrets/seal";
import { integrationDefinitions, integrationKinds, type IntegrationConfig, type IntegrationKind, type IntegrationSecrets } from "./kinds";
import { rememberSecrets } from "@/lib/secrets/redaction";

export interface IntegrationView {
  kind: IntegrationKind;
  label: string;
  purpose: string;
  connected: boolean;
  /** The settings that are not secrets, as entered. */
  config: Record<string, unknown>;
  secretHint: string | null;
  status: Integration["status"] | null;
  checkedAt: string | null;
  checkMessage: string | null;
  lastSyncedAt: string | null;
  connectedAt: string | null;
}

const contextOf = (projectId: string, kind: IntegrationKind) => `integration:${projectId}:${kind}`;

function view(kind: IntegrationKind, row: Integration | undefined): IntegrationView {
  const { label, purpose } = integrationDefinitions[kind];
  return {
    kind,
    label,
    purpose,
    connected: row !== undefined,
    config: (row?.config as Record<string, unknown> | undefined) ?? {},
    secretHint: row?.secretHint ?? null,
    status: row?.status ?? null,
    checkedAt: row?.checkedAt?.toISOString() ?? null,
    checkMessage: row?.checkMessage ?? null,
    lastSyncedAt: row?.lastSyncedAt?.toISOString() ?? null,
    connectedAt: row?.createdAt.toISOString() ?? null,
  };
}

export async function listIntegrations(projectId: string): Promise<IntegrationView[]> {
  const rows = await prisma.integration.findMany({ where: { projectId } });
  return integrationKinds.map((kind) => view(kind, rows.find((row) => row.kind === kind)));
}

export interface OpenedIntegration<K extends IntegrationKind> {
  config: IntegrationConfig<K>;
  secrets: IntegrationSecrets<K>;
}

/** The integration with its secrets opened, for a job or a connection check; null when not connected. */
export async function openIntegration<K extends IntegrationKind>(projectId: string, kind: K): Promise<OpenedIntegration<K> | null> {
  const row = await prisma.integration.findUnique({ where: { projectId_kind: { projectId, kind } } });
  if (!row) return null;
  const definition = integrationDefinitions[kind];
  const secrets = definition.secrets.parse(JSON.parse(open(row.secrets, contextOf(projectId, kind)))) as IntegrationSecrets<K>;
  // A run that opened them may not log them (lib/secrets/redaction.ts); elsewhere a no-op.
  rememberSecrets(Object.values(secrets as Record<string, unknown>));
  return { config: definition.config.parse(row.config) as IntegrationConfig<K>, secrets };
}

/** Like openIntegration, for jobs: a project without the integration fails the run saying so. */
export async function requireIntegration<K extends IntegrationKind>(projectId: string, kind: K): Promise<OpenedIntegration<K>> {
  const opened = await openIntegration(projectId, kind);
  if (!opened) throw new Error(`${integrationDefinitions[kind].label} is not connected for this project`);
  return opened;
}

// Keys that parse as keys of the right kind, so a wrong file is refused before anything is stored.
function checkKeys(kind: IntegrationKind, secrets: Record<string, unknown>): void {
  const privateKey = secrets.privateKey as string | undefined;
  if (!privateKey) return;
  try {
    if (kind === "app_store_connect") signingKey(privateKey);
    if (kind === "apple_ads") {
      const key = createPrivateKey(privateKey);
      if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") throw new Error("not a P-256 key");
    }
  } catch (error) {
    throw new AppError("bad_request", `The private key is not usable: ${error instanceof Error ? error.message : String(error)}`, {
      issues: [{ path: "privateKey", message: "not an ES256 (P-256) private key" }],
    });
  }
}

/** Checked settings as an integration row stores them: config, sealed secrets and the hint. */
export function sealIntegration(projectId: string, kind: IntegrationKind, config: Record<string, unknown>, secrets: Record<string, unknown>) {
  const definition = integrationDefinitions[kind];
  const checkedConfig = definition.config.parse(config);
  const checkedSecrets = definition.secrets.parse(secrets);
  return {
    config: checkedConfig as object,
    secrets: seal(JSON.stringify(checkedSecrets), contextOf(projectId, kind)),
    secretHint: (definition.hint as (config: unknown, secrets: unknown) => string)(checkedConfig, checkedSecrets),
  };
}

export interface SavedIntegration {
  integration: IntegrationView;
  created: boolean;
  /** The settings before this save; null when it was just connected. */
  previousConfig: Record<string, unknown> | null;
}

/**
 * Connects the integration, or changes its settings. When changing them, secret fields left blank
 * keep the stored secrets. Everything is checked before anything is stored.
 */
export async function saveIntegration(projectId: string, kind: IntegrationKind, input: unknown, options: { connectedById?: string | null } = {}): Promise<SavedIntegration> {
  const definition = integrationDefinitions[kind];
  const label = `Invalid ${definition.label} settings`;
  const given = z.record(z.string(), z.unknown(), { error: "settings must be an object" }).safeParse(input);
  if (!given.success) throw invalid("bad_request", label, given.error);
  const known = new Set(definition.fields.map((field) => field.name));
  const unknown = Object.keys(given.data).filter((name) => !known.has(name));
  if (unknown.length > 0) throw new AppError("bad_request", label, { issues: unknown.map((name) => ({ path: name, message: "not a setting of this integration" })) });

  const existing = await prisma.integration.findUnique({ where: { projectId_kind: { projectId, kind } } });
  const secretNames = definition.fields.filter((field) => field.secret).map((field) => field.name);
  const pick = (names: (name: string) => boolean) => Object.fromEntries(Object.entries(given.data).filter(([name]) => names(name)));
  const blank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");
  const typedSecrets = pick((name) => secretNames.includes(name) && !blank(given.data[name]));
  const storedSecrets = existing ? (JSON.parse(open(existing.secrets, contextOf(projectId, kind))) as Record<string, unknown>) : {};

  const config = definition.config.safeParse(pick((name) => !secretNames.includes(name)));
  const secrets = definition.secrets.safeParse({ ...storedSecrets, ...typedSecrets });
  const issues = [...(config.success ? [] : config.error.issues), ...(secrets.success ? [] : secrets.error.issues)];
  if (!config.success || !secrets.success) throw invalid("bad_request", label, new z.ZodError(issues));
  checkKeys(kind, typedSecrets);

  const data = {
    ...sealIntegration(projectId, kind, config.data, secrets.data),
    // New settings have not been tried yet.
    status: "untested" as const,
    checkedAt: null,
    checkMessage: null,
  };
  const row = await prisma.integration.upsert({
    where: { projectId_kind: { projectId, kind } },
    create: { projectId, kind, ...data, connectedById: options.connectedById ?? null },
    update: data,
  });
  // The connection points at one Apple app of the project: list it if the project does not yet.
  if (kind === "app_store_connect") await ensureStoreApp(projectId, (config.data as { appId: string }).appId);
  return { integration: view(kind, row), created: existing === null, previousConfig: (existing?.config as Record<string, unknown> | undefined) ?? null };
}

export async function disconnectIntegration(projectId: string, kind: IntegrationKind): Promise<void> {
  const { count } = await prisma.integration.deleteMany({ where: { projectId, kind } });
  if (count === 0) throw new AppError("not_found", `${integrationDefinitions[kind].label} is not connected`);
}

export async function recordCheck(projectId: string, kind: IntegrationKind, result: { ok: boolean; message: string }): Promise<IntegrationView> {
  const row = await prisma.integration.update({
    where: { projectId_kind: { projectId, kind } },
    data: { status: result.ok ? "ok" : "failed", checkedAt: new Date(), checkMessage: result.message.slice(0, 1000) },
  });
  return view(kind, row);
}

/** When a job finished a sync with the vendor (App Store Connect pulls). */
export async function markSynced(projectId: string, kind: IntegrationKind): Promise<void> {
  await prisma.integration.updateMany({ where: { projectId, kind }, data: { lastSyncedAt: new Date() } });
}
