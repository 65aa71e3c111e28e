// Preloaded (node --import) into a CLI process by the CLI start test: records every module the
// process loads and prints the list as the last line of stderr when it exits.
import { writeSync } from "node:fs";
import { registerHooks } from "node:module";

const loaded = new Set();
registerHooks({
  load(url, context, nextLoad) {
    loaded.add(url);
    return nextLoad(url, context);
  },
});
// Synchronous: the CLI calls process.exit, after which nothing asynchronous is written.
process.on("exit", () => writeSync(2, `\nmodules loaded: ${JSON.stringify([...loaded])}\n`));
