/**
 * Refuses person list filters on a sensitive dimension (`GET /api/people?industry=…` when
 * industry is sensitive) before the record router answers. Mounted with the /api guards, after
 * authentication; Express matches `/people` here exactly as the record router does.
 */
import { Router } from 'express';
import type { PrivacyPolicy } from '../../graph/privacy/policy.js';
import { sensitivePersonFilters } from '../../graph/privacy/sensitive-fields.js';
import { ValidationError } from '../../graph/service/errors.js';

export function sensitiveFiltersGuard(policy: PrivacyPolicy): Router {
  const router = Router();
  router.get('/people', (req, _res, next) => {
    const issues = sensitivePersonFilters(req.query as Record<string, unknown>, policy);
    if (issues.length) throw new ValidationError(issues);
    next();
  });
  return router;
}
