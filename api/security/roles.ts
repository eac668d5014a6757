/**
 * The roles an account can have. No Node imports: the pages bundle it (the admin page's role
 * select offers exactly these).
 */
export const ROLES = ['member', 'organiser', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** The role of a new account when none is given (`users create`, POST /api/admin/accounts, the admin page's form). */
export const DEFAULT_ROLE: Role = 'member';
