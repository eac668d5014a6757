/**
 * Every response a test sees is checked against the published OpenAPI document (issue #11):
 * a documented status, a documented content type, and a body matching the documented schema.
 * The test harnesses call `assertDocumented` on each reply, so a handler that drifts from its
 * schema fails whichever test happens to reach it.
 */
import { OPENAPI_ROUTES } from '../../api/compose.js';
import { buildOpenApiDocument } from '../../api/openapi.js';
import type { OpenApiDocument } from '../../scripts/fuzz/openapi-document.js';
import { responseChecker, type SeenResponse } from '../../scripts/fuzz/response-check.js';

export const OPENAPI_DOCUMENT = buildOpenApiDocument((registry) => OPENAPI_ROUTES.forEach((register) => register(registry))) as OpenApiDocument;

const check = responseChecker(OPENAPI_DOCUMENT);

/** Throws when the response breaks the document (the message says where and how). */
export function assertDocumented(response: SeenResponse): void {
  const violation = check(response);
  if (violation) throw new Error(`response violates the OpenAPI document: ${violation}`);
}
