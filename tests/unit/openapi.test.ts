// The OpenAPI document is valid OpenAPI 3.1 as generated, without a server (the browser suite also
// checks it against the routes): a schema that needs $defs, for one, breaks its references.
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";

describe("openApiDocument", () => {
  it("is valid OpenAPI 3.1 and self-contained", async () => {
    const document = openApiDocument("/");
    expect(await new Validator().validate(document as never)).toEqual({ valid: true });
    expect(JSON.stringify(document)).not.toContain("$defs");
  });
});
