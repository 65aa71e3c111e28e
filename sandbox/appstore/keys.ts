// ES256 key pairs derived from a seed string, so the demo's App Store Connect key is the same on
// every start (the seeded database keeps working with a restarted sandbox) without a key file in
// the repository. The private scalar is sha256(seed) brought into P-256's range [1, n-1].
import { createECDH, createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";

// The order of the P-256 group.
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

export interface DerivedKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** PKCS#8 PEM, the format of Apple's .p8 files and of AppStoreConnection.privateKey. */
  privateKeyPem: string;
  publicKeyPem: string;
}

export function deriveKeyPair(seed: string): DerivedKeyPair {
  const digest = BigInt(`0x${createHash("sha256").update(seed).digest("hex")}`);
  const scalar = (digest % (P256_ORDER - 1n)) + 1n;
  const d = Buffer.from(scalar.toString(16).padStart(64, "0"), "hex");
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey(); // 0x04 || x || y
  const jwk = {
    kty: "EC",
    crv: "P-256",
    x: point.subarray(1, 33).toString("base64url"),
    y: point.subarray(33, 65).toString("base64url"),
    d: d.toString("base64url"),
  };
  const privateKey = createPrivateKey({ key: jwk, format: "jwk" });
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}
