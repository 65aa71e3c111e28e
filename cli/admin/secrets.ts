// `taskdeck admin secrets …`: the server owner's view of the sealed credentials (integration keys,
// webhook secrets): check them against TASKDECK_ENCRYPTION_KEY, and rotate to a new key. What they
// need is imported when a command runs.
import { Command } from "commander";
import { exitCodes } from "../exit-codes";
import { createOutput } from "../output";
import { type Runner, jsonOption } from "../options";

export function secretsCommand(run: Runner): Command {
  const secrets = new Command("secrets").description("sealed credentials: check them against TASKDECK_ENCRYPTION_KEY, rotate to a new key");
  secrets
    .command("check")
    .description("open every stored credential with the configured keys (and seal any left in plain text)")
    .addOption(jsonOption())
    .action((options: { json?: boolean }) =>
      run(async () => {
        const [{ getPool }, { configuredKeys, keyId }, { checkStoredSecretsOnPool }] = await Promise.all([import("@/lib/db/pool"), import("@/lib/secrets/seal"), import("@/lib/secrets/stored")]);
        const check = await checkStoredSecretsOnPool(getPool());
        const current = configuredKeys().current;
        const text =
          `${check.sealed} credential(s) open with the configured keys` +
          (current ? ` (current key ${keyId(current)})` : "") +
          (check.underPreviousKeys ? `; ${check.underPreviousKeys} still under a previous key: run \`taskdeck admin secrets rotate\`` : "") +
          (check.sealedNow ? `; sealed ${check.sealedNow} that were in plain text` : "");
        createOutput(Boolean(options.json)).result(text, { check });
        return exitCodes.ok;
      }),
    );
  secrets
    .command("rotate")
    .description("re-seal every credential under TASKDECK_ENCRYPTION_KEY; the old key goes in TASKDECK_ENCRYPTION_KEY_PREVIOUS until this has run")
    .addOption(jsonOption())
    .action((options: { json?: boolean }) =>
      run(async () => {
        const [{ getPool }, { configuredKeys, keyId }, { rotateStoredSecrets }] = await Promise.all([import("@/lib/db/pool"), import("@/lib/secrets/seal"), import("@/lib/secrets/stored")]);
        const client = await getPool().connect();
        try {
          const changed = await rotateStoredSecrets(client);
          const current = keyId(configuredKeys().current!);
          createOutput(Boolean(options.json)).result(
            `Re-sealed ${changed} credential(s) under key ${current}. TASKDECK_ENCRYPTION_KEY_PREVIOUS can go once every process runs with the new key.`,
            { rotated: changed, keyId: current },
          );
          return exitCodes.ok;
        } finally {
          client.release();
        }
      }),
    );
  return secrets;
}
