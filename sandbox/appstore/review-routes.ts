// Sandbox routes for customer reviews and their responses (one per review: a new POST replaces the
// old one, which goes PENDING_PUBLISH until the sandbox "publishes" it), and for review
// submissions (create → add the version as an item → submitted, which puts the version in review).
import { randomUUID } from "node:crypto";
import { isEditableVersionState } from "@/lib/appstore/types";
import type { SandboxAppData, SandboxResponse, SandboxReview } from "./data";
import { appleErrors, collection, responseResource, reviewResource, SandboxError, single, submissionResource } from "./documents";
import { filter, findApp, findIn, includes, requestData, type Route, type SandboxRequest } from "./request";

export interface ReviewRouteOptions {
  /** How long a new response stays PENDING_PUBLISH. */
  publishAfterMs: number;
  /** How long the listing lags behind a publication (direct GETs do not). */
  listingLagMs: number;
}

const reviewSorts: Record<string, (a: SandboxReview, b: SandboxReview) => number> = {
  "-createdDate": (a, b) => b.createdDate.localeCompare(a.createdDate),
  createdDate: (a, b) => a.createdDate.localeCompare(b.createdDate),
  "-rating": (a, b) => b.rating - a.rating || b.createdDate.localeCompare(a.createdDate),
  rating: (a, b) => a.rating - b.rating || b.createdDate.localeCompare(a.createdDate),
};

// Apple's limit on a developer response, kept apart from the client's params schema.
const RESPONSE_BODY_LIMIT = 5970;

const responsesOf = (app: SandboxAppData) => app.responses.values();
const openStates = new Set(["READY_FOR_REVIEW", "WAITING_FOR_REVIEW", "IN_REVIEW", "UNRESOLVED_ISSUES"]);

export function reviewRoutes(options: ReviewRouteOptions): Route {
  return (request) => {
    const { method, segments: [resource, id, sub], url, origin, now } = request;
    const response = (record: SandboxResponse) => responseResource(origin, record, now);

    if (method === "GET" && resource === "apps" && id && sub === "customerReviews") {
      const app = findApp(request, id);
      const sort = url.searchParams.get("sort") ?? "-createdDate";
      const compare = reviewSorts[sort];
      if (!compare) throw new SandboxError(appleErrors.parameter("sort", `'${sort}' is not a valid sort for customerReviews`));
      const [territory, rating] = [filter(request, "territory"), filter(request, "rating")];
      const published = url.searchParams.get("exists[publishedResponse]");
      const matching = app.reviews
        .filter((review) => (!territory || territory.has(review.territory)) && (!rating || rating.has(String(review.rating))))
        .filter((review) => published === null || (published === "true") === (review.responseId !== null && now >= app.responses.get(review.responseId)!.publishAt))
        .sort(compare);
      const withResponse = includes(request, "response");
      // As Apple's does, the listing shows publications late.
      const included = withResponse ? [...app.responses.values()].map((record) => responseResource(origin, record, now - options.listingLagMs)) : [];
      return collection(url, matching.map((review) => reviewResource(origin, review, withResponse)), included);
    }

    if (method === "GET" && resource === "customerReviews" && id) {
      const { app, record: review } = findIn(request, "customerReviews", id, (candidate) => candidate.reviews);
      const current = review.responseId ? app.responses.get(review.responseId) : undefined;
      if (sub === "response") {
        if (!current) throw new SandboxError(appleErrors.notFound("customerReviewResponses", `response of ${id}`));
        return single(url, response(current));
      }
      const withResponse = includes(request, "response");
      return single(url, reviewResource(origin, review, withResponse), withResponse && current ? [response(current)] : []);
    }

    if (resource === "customerReviewResponses" && !id && method === "POST") {
      const data = requestData(request, "customerReviewResponses");
      const reviewId = data.relationships.review?.data?.id;
      if (!reviewId) throw new SandboxError(appleErrors.entity("A response needs its review", "/data/relationships/review"));
      const { app, record: review } = findIn(request, "customerReviews", reviewId, (candidate) => candidate.reviews);
      const body = data.attributes.responseBody;
      if (typeof body !== "string" || body.trim() === "") throw new SandboxError(appleErrors.entity("responseBody is required", "/data/attributes/responseBody"));
      if (body.length > RESPONSE_BODY_LIMIT) throw new SandboxError(appleErrors.tooLong("responseBody", RESPONSE_BODY_LIMIT));
      if (review.responseId) app.responses.delete(review.responseId);
      const created: SandboxResponse = { id: randomUUID(), reviewId, responseBody: body, lastModifiedDate: new Date(now).toISOString(), publishAt: now + options.publishAfterMs };
      app.responses.set(created.id, created);
      review.responseId = created.id;
      return single(url, response(created), [], 201);
    }

    if (resource === "customerReviewResponses" && id && !sub) {
      const { app, record } = findIn(request, "customerReviewResponses", id, responsesOf);
      if (method === "GET") return single(url, response(record));
      if (method !== "DELETE") throw new SandboxError(appleErrors.method(method));
      app.responses.delete(id);
      const review = app.reviews.find((candidate) => candidate.id === record.reviewId);
      if (review) review.responseId = null;
      return { status: 204 };
    }

    if (resource === "reviewSubmissions" || resource === "reviewSubmissionItems") return submissionRoutes(request);
    return null;
  };
}

function submissionRoutes(request: SandboxRequest) {
  const { method, segments: [resource, id], url, origin } = request;
  const submissions = (submissionId: string) => findIn(request, "reviewSubmissions", submissionId, (app) => app.submissions);

  if (resource === "reviewSubmissions" && !id && method === "POST") {
    const data = requestData(request, "reviewSubmissions");
    const app = findApp(request, data.relationships.app?.data?.id ?? "");
    const platform = String(data.attributes.platform ?? "IOS") as "IOS";
    if (app.submissions.some((submission) => submission.platform === platform && openStates.has(submission.state))) {
      throw new SandboxError(appleErrors.state(`A review submission for ${platform} is already in progress for this app.`));
    }
    const submission = { id: randomUUID(), platform, state: "READY_FOR_REVIEW" as const, submittedDate: null, versionIds: [] };
    app.submissions.push(submission);
    return single(url, submissionResource(origin, submission), [], 201);
  }

  if (resource === "reviewSubmissionItems" && !id && method === "POST") {
    const data = requestData(request, "reviewSubmissionItems");
    const { app, record: submission } = submissions(data.relationships.reviewSubmission?.data?.id ?? "");
    const version = app.versions.find((candidate) => candidate.id === data.relationships.appStoreVersion?.data?.id);
    if (!version) throw new SandboxError(appleErrors.entity("The item must name a version of this app", "/data/relationships/appStoreVersion"));
    if (submission.state !== "READY_FOR_REVIEW") throw new SandboxError(appleErrors.state(`The review submission is ${submission.state}; items can no longer be added.`));
    if (!isEditableVersionState(version.appVersionState)) throw new SandboxError(appleErrors.state(`Version ${version.versionString} is in state ${version.appVersionState} and cannot be submitted.`));
    if (!version.buildId) throw new SandboxError(appleErrors.state(`Version ${version.versionString} has no build; attach one before submitting.`));
    submission.versionIds.push(version.id);
    const item = { type: "reviewSubmissionItems", id: randomUUID(), attributes: { state: "READY_FOR_REVIEW" } };
    return single(url, { ...item, links: { self: `${origin}/v1/reviewSubmissionItems/${item.id}` } }, [], 201);
  }

  if (resource === "reviewSubmissions" && id) {
    const { app, record: submission } = submissions(id);
    if (method === "GET") return single(url, submissionResource(origin, submission));
    if (method !== "PATCH") throw new SandboxError(appleErrors.method(method));
    const { attributes } = requestData(request, "reviewSubmissions");
    const items = app.versions.filter((version) => submission.versionIds.includes(version.id));
    if (attributes.submitted === true) {
      if (submission.state !== "READY_FOR_REVIEW") throw new SandboxError(appleErrors.state(`The review submission is already ${submission.state}.`));
      if (items.length === 0) throw new SandboxError(appleErrors.state("The review submission has no items to submit."));
      submission.state = "WAITING_FOR_REVIEW";
      submission.submittedDate = new Date(request.now).toISOString();
      for (const version of items) version.appVersionState = "WAITING_FOR_REVIEW";
    } else if (attributes.canceled === true) {
      submission.state = "COMPLETE";
      for (const version of items) version.appVersionState = "PREPARE_FOR_SUBMISSION";
    }
    return single(url, submissionResource(origin, submission));
  }
  return null;
}
