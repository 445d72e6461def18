import type { RouteObject } from 'react-router';
import { AcceptInvitationPage, PasswordResetPage } from './PasswordResetPage';
import { ProfilePage } from './ProfilePage';
import { SignInPage } from './SignInPage';
import { SignUpPage } from './SignUpPage';
import { VerifyEmailPage } from './VerifyEmailPage';

/**
 * The account pages. /verify-email, /reset-password and /accept-invitation are the paths of the links the server
 * mails (server/src/auth/auth.service.ts); the other spellings are aliases for typed addresses.
 */
export const accountRoutes: RouteObject[] = [
  { path: 'signin', element: <SignInPage /> },
  { path: 'signup', element: <SignUpPage /> },
  { path: 'verify-email', element: <VerifyEmailPage /> },
  { path: 'verify', element: <VerifyEmailPage /> },
  { path: 'reset-password', element: <PasswordResetPage /> },
  { path: 'password-reset', element: <PasswordResetPage /> },
  { path: 'password-reset/confirm', element: <PasswordResetPage /> },
  { path: 'accept-invitation', element: <AcceptInvitationPage /> },
  { path: 'profile', element: <ProfilePage /> },
];
