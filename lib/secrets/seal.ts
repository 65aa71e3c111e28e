// Credentials at rest (integration keys, webhook secrets): AES-256-GCM with TASKDECK_ENCRYPTION_KEY.
// A sealed value names the key that sealed it, so a wrong key is told apart from a damaged value, and
// older keys (TASKDECK_ENCRYPTION_KEY_PREVIOUS) still open values until they are rotated. Each value
// is bound to where it is stored (`context`, e.g. "integration:<project>:revenuecat"), so a sealed
// value copied into another row does not open there.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { encryptionKeysEnv } from "@/lib/env";

const VERSION = "v1";
const IV_BYTES = 12;

export class SecretKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretKeyError";
  }
}

/** A key's public name: the start of its SHA-256, enough to tell keys apart, nothing to guess from. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 12);
}

/** 32 bytes, written as base64 (44 characters) or hex (64). */
export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new SecretKeyError("An encryption key is 32 random bytes, as base64 (openssl rand -base64 32) or 64 hex characters");
  return key;
}

export function newKey(): string {
  return randomBytes(32).toString("base64");
}

export interface SecretKeys {
  current: Buffer | null;
  previous: Buffer[];
}

/** The keys of this process's configuration; the current one seals, any of them opens. */
export function configuredKeys(): SecretKeys {
  const keys = encryptionKeysEnv();
  return {
    current: keys.TASKDECK_ENCRYPTION_KEY ? parseKey(keys.TASKDECK_ENCRYPTION_KEY) : null,
    previous: (keys.TASKDECK_ENCRYPTION_KEY_PREVIOUS ?? "").split(",").filter((part) => part.trim() !== "").map(parseKey),
  };
}

function isSealed(value: string): boolean {
  return value.startsWith(`${VERSION}:`);
}

/** The id of the key a sealed value needs. */
export function sealedWith(value: string): string | null {
  return isSealed(value) ? (value.split(":")[1] ?? null) : null;
}

export function seal(plaintext: string, context: string, keys: SecretKeys = configuredKeys()): string {
  if (!keys.current) throw new SecretKeyError("TASKDECK_ENCRYPTION_KEY is not set, so credentials cannot be stored: set it to 32 random bytes (openssl rand -base64 32)");
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keys.current, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, keyId(keys.current), iv.toString("base64"), cipher.getAuthTag().toString("base64"), ciphertext.toString("base64")].join(":");
}

export function open(sealed: string, context: string, keys: SecretKeys = configuredKeys()): string {
  const [version, id, iv, tag, ciphertext] = sealed.split(":");
  if (version !== VERSION || !id || !iv || !tag || ciphertext === undefined) throw new SecretKeyError("A stored credential is not in a format this version can read");
  const key = [keys.current, ...keys.previous].find((candidate) => candidate && keyId(candidate) === id);
  if (!key) throw new SecretKeyError(`A stored credential was encrypted with key ${id}, which is neither TASKDECK_ENCRYPTION_KEY nor in TASKDECK_ENCRYPTION_KEY_PREVIOUS`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, "base64"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretKeyError("A stored credential does not open: it was changed, or it belongs to another row");
  }
}
