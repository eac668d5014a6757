/**
 * Refuses person list filters on a sensitive dimension (`GET /api/people?industry=…` when
 * industry is sensitive) before the record router answers. It runs with the /api guards, after
 * authentication, and recognises the list by its canonical path (api/canonical-path.ts), so every
 * spelling that Express would route to the people list is refused alike.
 */
import type { RequestHandler } from 'express';
import type { PrivacyPolicy } from '../../graph/privacy/policy.js';
import { sensitivePersonFilters } from '../../graph/privacy/sensitive-fields.js';
import { ValidationError } from '../../graph/service/errors.js';
import { canonicalPathOf } from '../canonical-path.js';

export function sensitiveFiltersGuard(policy: PrivacyPolicy): RequestHandler {
  return (req, _res, next) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && canonicalPathOf(req) === '/api/people') {
      const issues = sensitivePersonFilters(req.query, policy);
      if (issues.length) throw new ValidationError(issues);
    }
    next();
  };
}
