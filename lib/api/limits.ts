// Limits of the REST API, shared by the route wrapper and the OpenAPI document.
export const MAX_BODY_BYTES = 64 * 1024;
