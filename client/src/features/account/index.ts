// What other features may use of the account feature: the signed-in account and its shared notices.
export { AccountAction } from './AccountAction';
export { NotAllowed } from './NotAllowed';
export { PageHeading } from './PageHeading';
export { useAccount } from './account-query';
export { describeError } from './auth-errors';
