// Layout checks the screenshot test runs on every page, measured in the page itself: controls
// without a name a screen reader can say, sideways scrolling of the whole page, and text that does
// not fit its box (sticking out of it, or cut off by an ancestor without an ellipsis).
import type { Page } from "playwright-core";

export type LayoutReport = {
  /** The start of each unnamed control's HTML. */
  unnamed: string[];
  /** How many pixels the page scrolls sideways (0 or less: none). */
  overflow: number;
  /** One line per box some text does not fit in. */
  overflowingText: string[];
};

export async function layoutProblems(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => {
    const nameOf = (element: HTMLElement) => {
      const labelled = element.getAttribute("aria-labelledby");
      const byId = labelled ? labelled.split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join(" ") : "";
      const label = element.id ? (document.querySelector(`label[for="${CSS.escape(element.id)}"]`)?.textContent ?? "") : "";
      const wrapping = element.closest("label")?.textContent ?? "";
      return [element.getAttribute("aria-label"), byId, label, wrapping, element.textContent, element.getAttribute("title")].join("").trim();
    };
    const controls = [...document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, [role=button], [role=menuitem]")].filter(
      (element) => element.offsetParent !== null && (element as HTMLInputElement).type !== "hidden",
    );

    const tagOf = (element: Element) => {
      const classes = typeof element.className === "string" ? element.className.trim().split(/\s+/).slice(0, 6).join(".") : "";
      return `<${element.tagName.toLowerCase()}${classes ? `.${classes}` : ""}>`;
    };
    // Screen-reader-only text (sr-only: a 1 px box that clips) is meant to be invisible.
    const visuallyHidden = (element: Element) => {
      for (let at: Element | null = element; at; at = at.parentElement) {
        const style = getComputedStyle(at);
        if ((style.clip !== "auto" || style.clipPath !== "none") && style.position === "absolute") return true;
        const box = at.getBoundingClientRect();
        if ((box.width <= 1 || box.height <= 1) && style.overflow !== "visible") return true;
      }
      return false;
    };
    // Each text's line boxes, followed up its ancestors: an ancestor that scrolls or clips narrows
    // what is still visible; one it sticks out of (visible overflow), or that cuts it without an
    // ellipsis or a line clamp, is reported. Absolutely placed boxes are checked against their
    // containing block only, since they are meant to leave the boxes between.
    const SLACK = 1;
    const found = new Map<Element, string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? "";
      const parent = node.parentElement;
      if (!text || !parent || parent.closest("script, style, noscript, template, select, option, textarea")) continue;
      if (!parent.checkVisibility({ visibilityProperty: true, opacityProperty: true }) || visuallyHidden(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0);
      if (lines.length === 0) continue;
      let visible = {
        left: Math.min(...lines.map((rect) => rect.left)),
        right: Math.max(...lines.map((rect) => rect.right)),
        top: Math.min(...lines.map((rect) => rect.top)),
        bottom: Math.max(...lines.map((rect) => rect.bottom)),
      };
      let placedIn: Element | null = null;
      for (let at: Element | null = parent; at && at !== document.documentElement; at = at.parentElement) {
        const style = getComputedStyle(at);
        if (placedIn && at !== placedIn) continue;
        placedIn = null;
        if (style.position === "absolute") placedIn = (at as HTMLElement).offsetParent;
        if (style.display === "inline" || style.display === "contents" || !(at instanceof HTMLElement || at instanceof SVGSVGElement)) continue;
        const outer = at.getBoundingClientRect();
        // The padding box: where content may go without crossing the border.
        const box = {
          left: outer.left + at.clientLeft,
          right: outer.left + at.clientLeft + (at.clientWidth || outer.width),
          top: outer.top + at.clientTop,
          bottom: outer.top + at.clientTop + (at.clientHeight || outer.height),
        };
        const sideways = visible.left < box.left - SLACK || visible.right > box.right + SLACK;
        const downwards = visible.top < box.top - SLACK || visible.bottom > box.bottom + SLACK;
        const what = `"${text.slice(0, 40)}" in ${tagOf(parent)}`;
        // A scroller's own child wider than it (a table, a <pre>) is what it scrolls, not an overflow.
        const scrolledBy = at.parentElement && ["auto", "scroll"].includes(getComputedStyle(at.parentElement).overflowX);
        if (style.overflowX === "visible" && sideways && !scrolledBy) {
          found.set(at, `${what} sticks out of ${tagOf(at)} by ${Math.round(Math.max(box.left - visible.left, visible.right - box.right))}px`);
          break;
        }
        if (style.overflowX !== "visible" && sideways && ["hidden", "clip"].includes(style.overflowX) && style.textOverflow !== "ellipsis") {
          found.set(at, `${what} is cut off by ${tagOf(at)} (no ellipsis) by ${Math.round(Math.max(box.left - visible.left, visible.right - box.right))}px`);
          break;
        }
        if (["hidden", "clip"].includes(style.overflowY) && downwards && style.webkitLineClamp === "none") {
          found.set(at, `${what} is cut off at the ${visible.top < box.top - SLACK ? "top" : "bottom"} of ${tagOf(at)}`);
          break;
        }
        // What any clipping or scrolling box shows of it is what its ancestors must still hold.
        if (style.overflowX !== "visible") visible = { ...visible, left: Math.max(visible.left, box.left), right: Math.min(visible.right, box.right) };
        if (style.overflowY !== "visible") visible = { ...visible, top: Math.max(visible.top, box.top), bottom: Math.min(visible.bottom, box.bottom) };
        // A fixed box (a dialog, a toast) is placed against the window: nothing above it holds it.
        if (style.position === "fixed" || visible.left >= visible.right || visible.top >= visible.bottom) break;
      }
    }

    return {
      unnamed: controls.filter((element) => !nameOf(element)).map((element) => element.outerHTML.slice(0, 120)),
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      overflowingText: [...new Set(found.values())],
    };
  });
}
