// Sandbox routes for versions, their localizations and builds: listing with App Store Connect's
// filters, PATCH of a localization (Apple's limits; only promotional text changes once a version
// is no longer editable), POST of a new localization (one per locale) and attaching a build (only a
// VALID build, only to an editable version).
import { randomUUID } from "node:crypto";
import { isAppStoreLocale } from "@/lib/appstore/locales";
import { isEditableVersionState } from "@/lib/appstore/types";
import type { SandboxLocalization } from "./data";
import { appleErrors, buildResource, collection, localizationResource, SandboxError, single, versionResource } from "./documents";
import { filter, findApp, findIn, includes, requestData, type Route, type SandboxRequest } from "./request";

// Apple's own rules, kept apart from the client's params schemas so the sandbox checks them.
const editableAttributes = ["description", "keywords", "whatsNew", "promotionalText", "marketingUrl", "supportUrl"];
const attributeLimits: Record<string, number> = { description: 4000, keywords: 100, whatsNew: 4000, promotionalText: 170 };
// Keywords are limited in UTF-8 bytes, the rest in characters (INTEGRATIONS.md §7).
const lengthOf = (name: string, value: string) => (name === "keywords" ? Buffer.byteLength(value, "utf8") : [...value].length);

function checkAttribute(name: string, value: unknown): void {
  if (!editableAttributes.includes(name)) throw new SandboxError(appleErrors.entity(`'${name}' is not an attribute you can change`, `/data/attributes/${name}`));
  if (value !== null && typeof value !== "string") throw new SandboxError(appleErrors.entity(`'${name}' must be a string`, `/data/attributes/${name}`));
  const max = attributeLimits[name];
  if (max !== undefined && typeof value === "string" && lengthOf(name, value) > max) throw new SandboxError(appleErrors.tooLong(name, max));
}

const versions = (request: SandboxRequest, id: string) => findIn(request, "appStoreVersions", id, (app) => app.versions);
const builds = (request: SandboxRequest, id: string) => findIn(request, "builds", id, (app) => app.builds);

export const versionRoutes: Route = (request) => {
  const { method, segments: [resource, id, sub, subsub], url, origin } = request;

  if (method === "GET" && resource === "apps" && sub === "appStoreVersions" && id) {
    const app = findApp(request, id);
    const [platform, versionString, state] = [filter(request, "platform"), filter(request, "versionString"), filter(request, "appVersionState")];
    const matching = app.versions
      .filter((version) => (!platform || platform.has(version.platform)) && (!versionString || versionString.has(version.versionString)))
      .filter((version) => !state || state.has(version.appVersionState))
      .sort((a, b) => b.createdDate.localeCompare(a.createdDate));
    const withBuild = includes(request, "build");
    const included = withBuild ? app.builds.map((build) => buildResource(origin, build)) : [];
    return collection(url, matching.map((version) => versionResource(origin, version, withBuild)), included);
  }

  if (resource === "appStoreVersions" && id && !sub && method === "GET") {
    const { app, record } = versions(request, id);
    const build = includes(request, "build") ? app.builds.find((candidate) => candidate.id === record.buildId) : undefined;
    return single(url, versionResource(origin, record, includes(request, "build")), build ? [buildResource(origin, build)] : []);
  }

  if (resource === "appStoreVersions" && id && sub === "appStoreVersionLocalizations" && method === "GET") {
    const { app, record } = versions(request, id);
    const locale = filter(request, "locale");
    const matching = app.localizations.filter((localization) => localization.versionId === record.id && (!locale || locale.has(localization.locale)));
    return collection(url, matching.map((localization) => localizationResource(origin, localization)));
  }

  if (resource === "appStoreVersions" && id && sub === "relationships" && subsub === "build" && method === "PATCH") {
    const { app, record: version } = versions(request, id);
    const buildId = (request.body as { data?: { type?: string; id?: string } } | null)?.data?.id;
    if (!buildId) throw new SandboxError(appleErrors.entity("The request body must name a build", "/data/id"));
    const build = app.builds.find((candidate) => candidate.id === buildId);
    if (!build) throw new SandboxError(appleErrors.notFound("builds", buildId));
    if (!isEditableVersionState(version.appVersionState)) {
      throw new SandboxError(appleErrors.state(`You cannot change the build of version ${version.versionString} in state ${version.appVersionState}.`));
    }
    if (build.processingState !== "VALID") {
      throw new SandboxError(appleErrors.state(`Build ${build.version} is in processing state ${build.processingState}; only VALID builds can be attached.`));
    }
    version.buildId = build.id;
    return { status: 204 };
  }

  if (resource === "appStoreVersionLocalizations" && !id && method === "POST") {
    const data = requestData(request, "appStoreVersionLocalizations");
    const versionId = data.relationships.appStoreVersion?.data?.id;
    if (!versionId) throw new SandboxError(appleErrors.entity("The relationship 'appStoreVersion' is required", "/data/relationships/appStoreVersion"));
    const { app, record: version } = versions(request, versionId);
    const { locale, ...attributes } = data.attributes;
    if (typeof locale !== "string" || !isAppStoreLocale(locale)) throw new SandboxError(appleErrors.entity(`'${String(locale)}' is not a valid locale`, "/data/attributes/locale"));
    for (const [name, value] of Object.entries(attributes)) checkAttribute(name, value);
    if (!isEditableVersionState(version.appVersionState)) {
      throw new SandboxError(appleErrors.state(`You cannot add a localization to version ${version.versionString} in state ${version.appVersionState}.`));
    }
    if (app.localizations.some((candidate) => candidate.versionId === version.id && candidate.locale === locale)) {
      throw new SandboxError(appleErrors.entity(`A localization for locale '${locale}' already exists for this version`, "/data/attributes/locale"));
    }
    const created: SandboxLocalization = { id: randomUUID(), versionId: version.id, locale, description: null, keywords: null, whatsNew: null, promotionalText: null, marketingUrl: null, supportUrl: null, ...(attributes as Partial<SandboxLocalization>) };
    app.localizations.push(created);
    return single(new URL(`/v1/appStoreVersionLocalizations/${created.id}`, origin), localizationResource(origin, created), [], 201);
  }

  if (resource === "appStoreVersionLocalizations" && id && !sub) {
    const { app, record: localization } = findIn(request, "appStoreVersionLocalizations", id, (candidate) => candidate.localizations);
    if (method === "GET") return single(url, localizationResource(origin, localization));
    if (method !== "PATCH") throw new SandboxError(appleErrors.method(method));
    const data = requestData(request, "appStoreVersionLocalizations");
    if (data.id !== id) throw new SandboxError(appleErrors.entity(`The id '${data.id}' does not match the id in the path`, "/data/id"));
    const version = app.versions.find((candidate) => candidate.id === localization.versionId)!;
    const changes = Object.entries(data.attributes);
    for (const [name, value] of changes) {
      checkAttribute(name, value);
      // Promotional text can change at any time; everything else only while the version is editable.
      if (name !== "promotionalText" && !isEditableVersionState(version.appVersionState)) {
        throw new SandboxError(appleErrors.state(`The attribute '${name}' cannot be edited because version ${version.versionString} is in state ${version.appVersionState}.`));
      }
    }
    Object.assign(localization, Object.fromEntries(changes));
    return single(url, localizationResource(origin, localization));
  }

  if (resource === "builds" && method === "GET") {
    if (id) return single(url, buildResource(origin, builds(request, id).record));
    const appIds = filter(request, "app");
    const [version, state] = [filter(request, "version"), filter(request, "processingState")];
    const sort = url.searchParams.get("sort") ?? "-uploadedDate";
    const matching = request.apps
      .filter((app) => !appIds || appIds.has(app.appId))
      .flatMap((app) => app.builds)
      .filter((build) => (!version || version.has(build.version)) && (!state || state.has(build.processingState)))
      .sort((a, b) => (sort === "uploadedDate" ? 1 : -1) * a.uploadedDate.localeCompare(b.uploadedDate));
    return collection(url, matching.map((build) => buildResource(origin, build)));
  }
  return null;
};
