// The service's statements and their routes: what the shell and the router use of this feature.
export { AccessibilityPage } from './AccessibilityPage';
export { DataSourcesPage } from './DataSourcesPage';
export { PrivacyPage } from './PrivacyPage';
export { SERVICE_PROFILE, serviceLogo } from './service-profile';
