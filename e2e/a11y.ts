// axe-core in the browser tests: the real audit, injected into the page under test and run against
// WCAG 2.1 A and AA plus axe's best practices. Only serious and critical findings are returned, one
// readable line per failing element (rule, impact, selector, and for contrast the colours and ratio).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults, ImpactValue } from "axe-core";
import type { Page } from "playwright-core";

// Read once: the minified build, as a script the page evaluates (no network, no bundler).
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const blocking: ImpactValue[] = ["serious", "critical"];

/** The page's serious and critical accessibility violations, e.g.
 * `color-contrast (serious) at main > p.text-slate-500: #64748b on #0f172a is 3.75:1, needs 4.5:1`. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // A page that navigated since the last audit has lost the script; inject it again when so.
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(
    // axe is the global the injected script defines.
    () => (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      resultTypes: ["violations"],
    }),
  );
  return results.violations
    .filter((violation) => blocking.includes(violation.impact ?? null))
    .flatMap((violation) =>
      violation.nodes.map((node) => {
        const where = node.target.map(String).join(" ");
        // Contrast findings carry the colours axe measured; the others say what is missing.
        const contrast = node.any.find((check) => check.id === "color-contrast")?.data as
          | { fgColor: string; bgColor: string; contrastRatio: number; expectedContrastRatio: string }
          | undefined;
        const detail = contrast
          ? `${contrast.fgColor} on ${contrast.bgColor} is ${contrast.contrastRatio}:1, needs ${contrast.expectedContrastRatio}`
          : (node.failureSummary ?? violation.help).replace(/\s+/g, " ");
        return `${violation.id} (${node.impact ?? violation.impact}) at ${where}: ${detail} «${node.html.slice(0, 100)}»`;
      }),
    );
}
