// Sandbox routes for a localization's screenshot sets and a set's screenshots, read-only: the sets
// with App Store Connect's filter[screenshotDisplayType], the screenshots in display order, both
// paged like every other collection. Unknown localization or set ids answer 404 NOT_FOUND.
import type { Resource } from "@/lib/appstore/types";
import type { SandboxScreenshot, SandboxScreenshotSet } from "./data";
import { collection } from "./documents";
import { filter, findIn, type Route } from "./request";

// Relationships name where to fetch the related resources; App Store Connect sends only links here.
const links = (origin: string, self: string, name: string) => ({
  [name]: { links: { self: `${origin}${self}/relationships/${name}`, related: `${origin}${self}/${name}` } },
});

function screenshotSetResource(origin: string, set: SandboxScreenshotSet): Resource {
  const self = `/v1/appScreenshotSets/${set.id}`;
  return {
    type: "appScreenshotSets",
    id: set.id,
    attributes: { screenshotDisplayType: set.screenshotDisplayType },
    relationships: links(origin, self, "appScreenshots"),
    links: { self: `${origin}${self}` },
  };
}

function screenshotResource(origin: string, screenshot: SandboxScreenshot): Resource {
  const { id, setId: _setId, ...attributes } = screenshot;
  const self = `/v1/appScreenshots/${id}`;
  return { type: "appScreenshots", id, attributes, relationships: links(origin, self, "appScreenshotSet"), links: { self: `${origin}${self}` } };
}

export const screenshotRoutes: Route = (request) => {
  const { method, segments: [resource, id, sub], url, origin } = request;
  if (method !== "GET" || !id) return null;

  if (resource === "appStoreVersionLocalizations" && sub === "appScreenshotSets") {
    const { app, record: localization } = findIn(request, "appStoreVersionLocalizations", id, (candidate) => candidate.localizations);
    const displayType = filter(request, "screenshotDisplayType");
    const matching = app.screenshotSets.filter((set) => set.localizationId === localization.id && (!displayType || displayType.has(set.screenshotDisplayType)));
    return collection(url, matching.map((set) => screenshotSetResource(origin, set)));
  }

  if (resource === "appScreenshotSets" && sub === "appScreenshots") {
    const { app, record: set } = findIn(request, "appScreenshotSets", id, (candidate) => candidate.screenshotSets);
    const inOrder = app.screenshots.filter((screenshot) => screenshot.setId === set.id);
    return collection(url, inOrder.map((screenshot) => screenshotResource(origin, screenshot)));
  }
  return null;
};
