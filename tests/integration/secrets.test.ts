// Credentials at rest over time (lib/secrets/stored.ts): a wrong TASKDECK_ENCRYPTION_KEY stops a
// process at start with what to do; rotation re-seals every value under the new key; credentials
// the old per-vendor tables held in plain text are moved and sealed by the migration and first start.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrate } from "@/lib/db/migrate";
import { getPool } from "@/lib/db/pool";
import { prisma } from "@/lib/db/prisma";
import { saveIntegration } from "@/lib/integrations/store";
import { createWebhook } from "@/lib/notify/webhooks";
import { configuredKeys, keyId, newKey, open, parseKey, type SecretKeys } from "@/lib/secrets/seal";
import { checkStoredSecrets, rotateStoredSecrets } from "@/lib/secrets/stored";
import { deriveKeyPair } from "@/sandbox/appstore/keys";
import { copyDatabase, databaseUrl, dropDatabase } from "@/scripts/lib/throwaway-database";
import { createProject } from "../helpers/fixtures";
import { releaseAll } from "../helpers/teardown";

afterAll(() => releaseAll());

const withClient = async <T>(url: string, work: (client: pg.Client) => Promise<T>) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Runs the worker as its own process and returns how it ended, if it ends within 20 s. */
function startWorker(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/index.ts"], { env: { ...process.env, LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on("data", (chunk: Buffer) => {
    // A worker that got this far did not refuse to start: stop it.
    if (chunk.toString().includes("worker ready")) child.kill("SIGTERM");
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe("a process started with the wrong key", () => {
  it("refuses to start, naming the key the credentials need", async () => {
    const { project } = await createProject();
    await saveIntegration(project.id, "revenuecat", { revenuecatProjectId: "proj_key", apiKey: "sk_sealed_with_the_test_key" });
    const stored = configuredKeys();
    const wrong = newKey();
    const message = `Stored credentials were encrypted with key ${keyId(stored.current!)}, but TASKDECK_ENCRYPTION_KEY is key ${keyId(parseKey(wrong))}`;

    const client = await getPool().connect();
    try {
      await expect(checkStoredSecrets(client, { current: parseKey(wrong), previous: [] })).rejects.toThrow(message);
      await expect(checkStoredSecrets(client, { current: null, previous: [] })).rejects.toThrow(/need TASKDECK_ENCRYPTION_KEY, which is not set/);
    } finally {
      client.release();
    }
    const refused = await startWorker({ TASKDECK_ENCRYPTION_KEY: wrong });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Cannot start: ${message}`);
    // With the right key it starts (and is stopped again by the test).
    expect((await startWorker({})).code).toBe(0);
  });
});

describe("rotation", () => {
  it("re-seals every stored credential under the new key, after which the old key is no longer needed", async () => {
    const { project } = await createProject();
    await saveIntegration(project.id, "app_store_connect", {
      issuerId: "69a6de70-0b3c-47e3-e053-5b8c7c11a4d1",
      keyId: "ROTATE1",
      appId: "1",
      privateKey: deriveKeyPair("rotation").privateKeyPem,
    });
    const { webhook, secret: webhookSecret } = await createWebhook(project.teamId, { url: "https://hooks.example.com/rotation", types: ["issue.new"] }, null);
    const old = configuredKeys().current!;
    const fresh = parseKey(newKey());
    const rotating: SecretKeys = { current: fresh, previous: [old] };
    const client = await getPool().connect();
    try {
      expect((await checkStoredSecrets(client, rotating)).underPreviousKeys).toBeGreaterThan(0);
      const changed = await rotateStoredSecrets(client, rotating);
      expect(changed).toBe((await prisma.integration.count()) + (await prisma.webhook.count()));
      const check = await checkStoredSecrets(client, { current: fresh, previous: [] });
      expect(check).toMatchObject({ underPreviousKeys: 0 });
      const row = await prisma.integration.findUniqueOrThrow({ where: { projectId_kind: { projectId: project.id, kind: "app_store_connect" } } });
      expect(row.secrets.startsWith(`v1:${keyId(fresh)}:`)).toBe(true);
      expect(open(row.secrets, `integration:${project.id}:app_store_connect`, { current: fresh, previous: [] })).toContain("PRIVATE KEY");
      // Webhook secrets are sealed credentials too.
      const hook = await prisma.webhook.findUniqueOrThrow({ where: { id: webhook.id } });
      expect(open(hook.secret, `webhook:${webhook.id}`, { current: fresh, previous: [] })).toBe(webhookSecret);
      // Back to the suite's key, so the rest of this database stays readable.
      expect(await rotateStoredSecrets(client, { current: old, previous: [fresh] })).toBe(changed);
    } finally {
      client.release();
    }
  });
});

describe("credentials from before integrations", () => {
  it("are moved out of the old tables and sealed at the next start, still working", async () => {
    const adminUrl = inject("adminUrl");
    const name = `legacy_${randomUUID().slice(0, 8)}`;
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = databaseUrl(adminUrl, name);
    try {
      await migrate(url, () => {}, { before: "20261125160000_integrations" });
      const privateKey = deriveKeyPair("legacy").privateKeyPem;
      const ids = await withClient(url, async (client) => {
        const team = randomUUID();
        const project = randomUUID();
        await client.query(`INSERT INTO teams (id, name, slug) VALUES ($1, 'Legacy', 'legacy')`, [team]);
        await client.query(`INSERT INTO projects (id, team_id, name, slug) VALUES ($1, $2, 'Legacy app', 'legacy-app')`, [project, team]);
        await client.query(`INSERT INTO revenuecat_connections (id, project_id, revenuecat_project_id, api_key, updated_at) VALUES ($1, $2, 'proj_old', 'sk_legacy_plaintext', now())`, [randomUUID(), project]);
        await client.query(
          `INSERT INTO app_store_connections (id, project_id, issuer_id, key_id, private_key, app_id, last_pulled_at, updated_at) VALUES ($1, $2, 'i', 'OLDKEY', $3, '42', now(), now())`,
          [randomUUID(), project, privateKey],
        );
        return { project };
      });
      await migrate(url);
      const sealedNow = await withClient(url, async (client) => (await checkStoredSecrets(client)).sealedNow);
      expect(sealedNow).toBe(2);
      const rows = await withClient(url, async (client) => (await client.query(`SELECT kind, config, secrets, secret_hint, last_synced_at FROM integrations ORDER BY kind`)).rows);
      expect(rows.map((row) => [row.kind, row.config, row.secret_hint])).toEqual([
        ["revenuecat", { revenuecatProjectId: "proj_old" }, "…text"],
        ["app_store_connect", { issuerId: "i", keyId: "OLDKEY", appId: "42" }, "key OLDKEY"],
      ]);
      expect(rows[1].last_synced_at).toBeInstanceOf(Date);
      expect(rows.map((row) => row.secrets as string).join()).not.toMatch(/sk_legacy_plaintext|PRIVATE KEY/);
      expect(JSON.parse(open(rows[0].secrets, `integration:${ids.project}:revenuecat`))).toEqual({ apiKey: "sk_legacy_plaintext" });
      // The old tables are gone.
      const { rows: tables } = await withClient(url, (client) => client.query(`SELECT to_regclass('revenuecat_connections') AS rc, to_regclass('app_store_connections') AS asc`));
      expect(tables[0]).toEqual({ rc: null, asc: null });
    } finally {
      await dropDatabase(adminUrl, name);
    }
  });
});

describe("emails queued before team notifications", () => {
  it("become notifications with one delivery each, keeping their state", async () => {
    const adminUrl = inject("adminUrl");
    const name = `outbox_${randomUUID().slice(0, 8)}`;
    await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    const url = databaseUrl(adminUrl, name);
    try {
      await migrate(url, () => {}, { before: "20261201120000_notifications" });
      await withClient(url, async (client) => {
        await client.query(`INSERT INTO notifications (id, recipient, subject, text_body, html_body, status, attempts, last_error) VALUES ($1, 'a@test.local', 'Pending mail', 't', 'h', 'pending', 2, 'ECONNREFUSED')`, [randomUUID()]);
        await client.query(`INSERT INTO notifications (id, recipient, subject, text_body, html_body, status, attempts, sent_at) VALUES ($1, 'b@test.local', 'Sent mail', 't', 'h', 'sent', 1, now())`, [randomUUID()]);
      });
      await migrate(url);
      const { rows } = await withClient(url, (client) =>
        client.query(`SELECT n.type, n.subject, d.channel::text, d.recipient, d.status::text, d.attempts, d.last_error, d.sent_at IS NOT NULL AS sent
                        FROM notifications n JOIN notification_deliveries d ON d.notification_id = n.id ORDER BY n.subject`),
      );
      expect(rows).toEqual([
        { type: "run.finished", subject: "Pending mail", channel: "email", recipient: "a@test.local", status: "pending", attempts: 2, last_error: "ECONNREFUSED", sent: false },
        { type: "run.finished", subject: "Sent mail", channel: "email", recipient: "b@test.local", status: "sent", attempts: 1, last_error: null, sent: true },
      ]);
    } finally {
      await dropDatabase(adminUrl, name);
    }
  });
});

describe("a database with no credentials", () => {
  it("starts without any key", async () => {
    const adminUrl = inject("adminUrl");
    const name = `nokey_${randomUUID().slice(0, 8)}`;
    const url = await copyDatabase(adminUrl, inject("templateName"), name);
    try {
      const checked = await withClient(url, (client) => checkStoredSecrets(client, { current: null, previous: [] }));
      expect(checked).toEqual({ sealed: 0, underPreviousKeys: 0, sealedNow: 0 });
    } finally {
      await dropDatabase(adminUrl, name);
    }
  });
});
