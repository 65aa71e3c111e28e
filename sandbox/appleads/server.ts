// A local Apple Ads sandbox (INTEGRATIONS.md §4): Apple's OAuth token endpoint, which trades an
// ES256 client secret signed with a registered key for a one-hour bearer token, and the Campaign
// Management API's `{ data, pagination, error }` envelope, `X-AP-Context` check and ACLs. It serves
// the demo and the tests; the campaign and report routes come with apple_ads_sync.
import { randomBytes, createPublicKey, type KeyObject } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { decodeJwt } from "@/lib/runtime/jwt";
import { deriveKeyPair } from "../appstore/keys";
import { listen, readBody, sendJson } from "../http";

export interface SandboxAdsAccount {
  clientId: string;
  teamId: string;
  keyId: string;
  /** PEM; the sandbox registers its public half, as an advertiser uploads it in the Ads UI. */
  privateKeyPem: string;
  orgs: Array<{ orgId: number; orgName: string; currency: string; timeZone: string }>;
}

export interface AppleAdsSandboxOptions {
  port?: number;
  delayMs?: number;
  accounts: SandboxAdsAccount[];
  /** Seconds an access token lives (Apple: 3600). */
  tokenSeconds?: number;
}

export interface AppleAdsSandbox {
  /** The Campaign Management API base, e.g. http://127.0.0.1:4012/api/v5 */
  apiUrl: string;
  /** The OAuth server's base, e.g. http://127.0.0.1:4012 */
  authUrl: string;
  /** Requests as they came: the token endpoint and API calls. */
  log: Array<{ method: string; path: string; status: number }>;
  close: () => Promise<void>;
}

// Client secrets live at most 180 days (INTEGRATIONS.md §4).
const MAX_SECRET_SECONDS = 180 * 24 * 60 * 60;

const envelope = (data: unknown, error: string | null = null, messageCode = "INVALID_REQUEST") => ({
  data: error ? null : data,
  pagination: null,
  error: error ? { errors: [{ messageCode, message: error, field: "" }] } : null,
});

export async function startAppleAdsSandbox(options: AppleAdsSandboxOptions): Promise<AppleAdsSandbox> {
  const accounts = options.accounts.map((account) => ({ ...account, publicKey: createPublicKey(account.privateKeyPem) as KeyObject }));
  const tokens = new Map<string, { account: (typeof accounts)[number]; expiresAt: number }>();
  const log: AppleAdsSandbox["log"] = [];

  const token = async (req: IncomingMessage, url: URL) => {
    // Apple's reference sends the fields in the query string; a form body works too.
    const form = new URLSearchParams(url.search);
    for (const [name, value] of new URLSearchParams(await readBody(req))) form.set(name, value);
    const account = accounts.find((candidate) => candidate.clientId === form.get("client_id"));
    const secret = decodeJwt(form.get("client_secret") ?? "");
    const now = Math.floor(Date.now() / 1000);
    const { iat, exp, sub, iss, aud } = secret?.claims ?? {};
    const valid =
      form.get("grant_type") === "client_credentials" &&
      form.get("scope") === "searchadsorg" &&
      account !== undefined &&
      secret !== null &&
      secret.header.alg === "ES256" &&
      secret.header.kid === account.keyId &&
      sub === account.clientId &&
      iss === account.teamId &&
      aud === "https://appleid.apple.com" &&
      typeof iat === "number" &&
      typeof exp === "number" &&
      exp > now &&
      exp - iat <= MAX_SECRET_SECONDS &&
      secret.signedBy(account.publicKey);
    if (!valid) return { status: 400, body: { error: "invalid_client" } };
    const accessToken = randomBytes(24).toString("base64url");
    const seconds = options.tokenSeconds ?? 3600;
    tokens.set(accessToken, { account, expiresAt: Date.now() + seconds * 1000 });
    return { status: 200, body: { access_token: accessToken, token_type: "Bearer", expires_in: seconds, scope: "searchadsorg" } };
  };

  const api = (req: IncomingMessage, path: string) => {
    const bearer = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
    const session = tokens.get(bearer);
    if (!session || session.expiresAt <= Date.now()) return { status: 401, body: envelope(null, "Invalid or expired token", "UNAUTHORIZED") };
    if (path === "/acls") return { status: 200, body: envelope(session.account.orgs.map((org) => ({ ...org, paymentModel: "LOC", roleNames: ["API Account Read Only"], parentOrgId: null, displayName: org.orgName }))) };
    const context = /^orgId=(\d+)$/.exec(String(req.headers["x-ap-context"] ?? ""))?.[1];
    if (!context) return { status: 403, body: envelope(null, "A required header was not specified or was invalid.", "FORBIDDEN") };
    if (!session.account.orgs.some((org) => String(org.orgId) === context)) return { status: 403, body: envelope(null, "You do not have access to this organization.", "FORBIDDEN") };
    return { status: 404, body: envelope(null, `No such resource: ${path}`, "NOT_FOUND") };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const reply =
      req.method === "POST" && url.pathname === "/auth/oauth2/token"
        ? await token(req, url)
        : url.pathname.startsWith("/api/v5/")
          ? api(req, url.pathname.slice("/api/v5".length))
          : { status: 404, body: envelope(null, "No such path", "NOT_FOUND") };
    log.push({ method: req.method ?? "GET", path: url.pathname, status: reply.status });
    sendJson(res, reply.status, reply.body);
  };

  const server = await listen(handle, { port: options.port, delayMs: options.delayMs });
  return { apiUrl: `${server.origin}/api/v5`, authUrl: server.origin, log, close: server.close };
}

// The account the demo project is connected to; its key is derived, so no key file is needed.
const demoKeys = deriveKeyPair("taskdeck demo apple ads key");
export const demoAdsAccount: SandboxAdsAccount = {
  clientId: "SEARCHADS.5f2c9d1e-7b3a-4c6d-9e8f-0a1b2c3d4e5f",
  teamId: "SEARCHADS.5f2c9d1e-7b3a-4c6d-9e8f-0a1b2c3d4e5f",
  keyId: "d136aa66-0c3b-4bd4-9892-c20e8db024ab",
  privateKeyPem: demoKeys.privateKeyPem,
  orgs: [{ orgId: 40669820, orgName: "Acme Apps", currency: "USD", timeZone: "America/Los_Angeles" }],
};
