import type { Role } from '@contracts/auth';

/**
 * The main sections, in menu order. Each feature adds its entry here (label is a translation
 * key); the route itself is declared in router.tsx.
 */
export interface NavEntry {
  to: string;
  labelKey: string;
  /** Highlight the entry for these path prefixes too (e.g. /ideas/12 under Ideas). */
  matches?: string[];
  /** Shown only to accounts with one of these roles (the page itself says so to anyone else). */
  roles?: Role[];
}

export const NAV_ENTRIES: NavEntry[] = [
  { to: '/', labelKey: 'nav.areas' },
  { to: '/activities', labelKey: 'activities.nav', matches: ['/activities'] },
  { to: '/ideas', labelKey: 'ideas.nav', matches: ['/ideas'] },
  { to: '/kehra', labelKey: 'kehra.nav', matches: ['/kehra'] },
  { to: '/budgeting', labelKey: 'budgeting.nav', matches: ['/budgeting'] },
  { to: '/spaces', labelKey: 'spaces.nav', matches: ['/spaces'] },
  { to: '/moderation', labelKey: 'moderation.nav', roles: ['moderator', 'admin'] },
];
