import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/app.ts";

/** The headers are computed once at start-up; every kind of response must still carry them. */
describe("security headers", () => {
  let http: TestApp;
  let https: TestApp;
  beforeAll(async () => {
    http = await buildTestApp("sqlite");
    https = await buildTestApp("sqlite", { publicUrl: "https://periphery.example" });
  });
  afterAll(async () => {
    await http.close();
    await https.close();
  });

  it("sends the CSP and helmet's defaults on answers, errors and unknown routes alike", async () => {
    for (const url of ["/api/setup", "/api/stages", "/api/no-such-route"]) {
      const response = await http.app.inject({ method: "GET", url });
      expect(response.headers["content-security-policy"]).toBe(
        "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data:;" +
          "font-src 'self' data:;connect-src 'self';object-src 'none';base-uri 'self';form-action 'self';" +
          "frame-ancestors 'none'",
      );
      expect(response.headers).toMatchObject({
        "x-content-type-options": "nosniff",
        "x-frame-options": "SAMEORIGIN",
        "referrer-policy": "no-referrer",
        "cross-origin-opener-policy": "same-origin",
      });
      expect(response.headers["x-powered-by"]).toBeUndefined();
      expect(response.headers["strict-transport-security"]).toBeUndefined();
    }
  });

  it("adds HSTS and upgrade-insecure-requests only when the public URL is HTTPS", async () => {
    const response = await https.app.inject({ method: "GET", url: "/api/setup" });
    expect(response.headers["strict-transport-security"]).toContain("max-age=");
    expect(response.headers["content-security-policy"]).toContain("upgrade-insecure-requests");
  });
});
