// A process that needs the web app built (as npm run web does), for the build lock tests.
// Arguments: the checkout, then the stand-in build's arguments. Prints what ensureBuild said,
// then "result built" or "result used".
import { ensureBuild } from "@/scripts/lib/build";

const [root, ...command] = process.argv.slice(2);
const result = await ensureBuild((line) => console.log(line), { root: root!, command });
console.log(`result ${result.built ? "built" : "used"}`);
