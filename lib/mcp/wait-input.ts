// The wait fields of the MCP tools that start a run, apart from the waiting itself, so the stdio
// bridge (cli/remote/mcp.ts) knows how long a tool call may last without importing server code.
import { z } from "zod";

export const MAX_WAIT_SECONDS = 600;

export const waitSchema = z
  .object({
    wait: z.boolean().default(false).describe("Follow the run until it ends, with progress notifications, and answer with its end state"),
    waitSeconds: z
      .number()
      .int()
      .min(1)
      .max(MAX_WAIT_SECONDS, `waitSeconds must be at most ${MAX_WAIT_SECONDS}`)
      .default(120)
      .describe("With wait: stop waiting after this long and answer with the run as it is (it goes on)"),
  })
  .strict();

