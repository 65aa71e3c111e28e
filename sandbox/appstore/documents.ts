// The sandbox's responses in App Store Connect's shapes (INTEGRATIONS.md §2): resources, cursor
// paging with an absolute links.next and meta.paging, and the error envelope with its string
// `status`, including Apple's exact NOT_AUTHORIZED and RATE_LIMIT_EXCEEDED bodies.
import { randomUUID } from "node:crypto";
import type { ErrorObject, Resource } from "@/lib/appstore/types";
import type { SandboxBuild, SandboxLocalization, SandboxResponse, SandboxReview, SandboxSubmission, SandboxVersion } from "./data";

export interface Reply {
  status: number;
  body?: unknown;
}

export class SandboxError extends Error {
  constructor(readonly error: Omit<ErrorObject, "id">) {
    super(error.title);
  }
}

export const errorReply = (error: Omit<ErrorObject, "id">): Reply => ({ status: Number(error.status), body: { errors: [{ id: randomUUID(), ...error }] } });

export const appleErrors = {
  notAuthorized: {
    status: "401",
    code: "NOT_AUTHORIZED",
    title: "Authentication credentials are missing or invalid.",
    detail:
      "Provide a properly configured and signed bearer token, and make sure that it has not expired. Learn more about Generating Tokens for API Requests https://developer.apple.com/go/?id=api-generating-tokens",
  },
  rateLimited: {
    status: "429",
    code: "RATE_LIMIT_EXCEEDED",
    title: "The request rate limit has been reached.",
    detail: "We've received too many requests for this API. Please wait and try again or slow down your request rate.",
  },
  unexpected: { status: "500", code: "UNEXPECTED_ERROR", title: "An unexpected error occurred.", detail: "An unexpected error occurred on the server side." },
  notFound: (type: string, id: string) => ({ status: "404", code: "NOT_FOUND", title: "The specified resource does not exist", detail: `There is no resource of type '${type}' with id '${id}'` }),
  noPath: (path: string) => ({ status: "404", code: "NOT_FOUND", title: "The specified resource does not exist", detail: `The path provided does not match a defined resource type: ${path}` }),
  state: (detail: string) => ({ status: "409", code: "STATE_ERROR", title: "The request cannot be fulfilled because of the state of another resource.", detail }),
  tooLong: (attribute: string, max: number) => ({
    status: "409",
    code: "ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG",
    title: "An attribute value is too long.",
    detail: `The attribute '${attribute}' can not be longer than ${max} characters.`,
    source: { pointer: `/data/attributes/${attribute}` },
  }),
  entity: (detail: string, pointer = "/data") => ({ status: "409", code: "ENTITY_ERROR", title: "The provided entity is invalid.", detail, source: { pointer } }),
  parameter: (parameter: string, detail: string) => ({ status: "400", code: "PARAMETER_ERROR.INVALID", title: "A parameter has an invalid value", detail, source: { parameter } }),
  method: (method: string) => ({ status: "405", code: "METHOD_NOT_ALLOWED", title: "The request method is not valid for the resource path.", detail: `The resource does not allow the '${method}' method.` }),
};

export const MAX_LIMIT = 200;
const DEFAULT_LIMIT = 50;

/** One page of `items` for this request, with links.next carrying an opaque cursor. */
export function collection(url: URL, items: Resource[], included: Resource[] = []): Reply {
  const limitParam = url.searchParams.get("limit");
  const limit = limitParam === null ? DEFAULT_LIMIT : Number(limitParam);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new SandboxError(appleErrors.parameter("limit", `'${limitParam}' is not a valid value for 'limit': it must be between 1 and ${MAX_LIMIT}`));
  }
  const cursor = url.searchParams.get("cursor");
  const offset = cursor ? Number(Buffer.from(cursor, "base64url").toString("utf8").replace(/^offset:/, "")) : 0;
  if (!Number.isInteger(offset) || offset < 0) throw new SandboxError(appleErrors.parameter("cursor", "The cursor is not valid"));
  const page = items.slice(offset, offset + limit);
  const more = offset + limit < items.length;
  const nextCursor = Buffer.from(`offset:${offset + limit}`).toString("base64url");
  const next = new URL(url);
  next.searchParams.set("cursor", nextCursor);
  next.searchParams.set("limit", String(limit));
  const pageIds = new Set(page.flatMap((resource) => Object.values(resource.relationships ?? {}).map((relationship) => (relationship.data as { id?: string } | null)?.id)));
  const pageIncluded = included.filter((resource) => pageIds.has(resource.id));
  return {
    status: 200,
    body: {
      data: page,
      ...(pageIncluded.length > 0 ? { included: pageIncluded } : {}),
      links: { self: url.toString(), ...(more ? { next: next.toString() } : {}) },
      meta: { paging: { total: items.length, limit, ...(more ? { nextCursor } : {}) } },
    },
  };
}

export const single = (url: URL, data: Resource, included: Resource[] = [], status = 200): Reply => ({
  status,
  body: { data, ...(included.length > 0 ? { included } : {}), links: { self: url.toString() } },
});

// Relationships carry `data` only when the request asked to include them, as in App Store Connect.
const related = (origin: string, self: string, name: string, data: { type: string; id: string } | null, included: boolean) => ({
  [name]: { links: { self: `${origin}${self}/relationships/${name}`, related: `${origin}${self}/${name}` }, ...(included ? { data } : {}) },
});

export function versionResource(origin: string, version: SandboxVersion, includeBuild: boolean): Resource {
  const { id, buildId, ...attributes } = version;
  const self = `/v1/appStoreVersions/${id}`;
  return {
    type: "appStoreVersions",
    id,
    attributes,
    relationships: related(origin, self, "build", buildId ? { type: "builds", id: buildId } : null, includeBuild),
    links: { self: `${origin}${self}` },
  };
}

export function localizationResource(origin: string, localization: SandboxLocalization): Resource {
  const { id, versionId, ...attributes } = localization;
  const self = `/v1/appStoreVersionLocalizations/${id}`;
  return {
    type: "appStoreVersionLocalizations",
    id,
    attributes,
    relationships: related(origin, self, "appStoreVersion", { type: "appStoreVersions", id: versionId }, true),
    links: { self: `${origin}${self}` },
  };
}

export function buildResource(origin: string, build: SandboxBuild): Resource {
  const { id, ...attributes } = build;
  return { type: "builds", id, attributes, links: { self: `${origin}/v1/builds/${id}` } };
}

export function reviewResource(origin: string, review: SandboxReview, includeResponse: boolean): Resource {
  const { id, responseId, ...attributes } = review;
  const self = `/v1/customerReviews/${id}`;
  return {
    type: "customerReviews",
    id,
    attributes,
    relationships: related(origin, self, "response", responseId ? { type: "customerReviewResponses", id: responseId } : null, includeResponse),
    links: { self: `${origin}${self}` },
  };
}

export function responseResource(origin: string, response: SandboxResponse, now: number): Resource {
  const self = `/v1/customerReviewResponses/${response.id}`;
  return {
    type: "customerReviewResponses",
    id: response.id,
    attributes: {
      responseBody: response.responseBody,
      lastModifiedDate: response.lastModifiedDate,
      state: now >= response.publishAt ? "PUBLISHED" : "PENDING_PUBLISH",
    },
    relationships: related(origin, self, "review", { type: "customerReviews", id: response.reviewId }, true),
    links: { self: `${origin}${self}` },
  };
}

export function submissionResource(origin: string, submission: SandboxSubmission): Resource {
  const { id, versionIds: _versionIds, ...attributes } = submission;
  return { type: "reviewSubmissions", id, attributes, links: { self: `${origin}/v1/reviewSubmissions/${id}` } };
}
