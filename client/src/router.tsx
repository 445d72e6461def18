import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { ActivitiesPanel } from '@/features/activities/ActivitiesPanel';
import { ActivityDetailPage } from '@/features/activities/ActivityDetailPage';
import { ActivityNewPage } from '@/features/activities/ActivityNewPage';
import { AreasPanel } from '@/features/areas/AreasPanel';
import { accountRoutes } from '@/features/account/routes';
import { AdminPage } from '@/features/admin/AdminPage';
import { IdeaPage } from '@/features/ideas/IdeaPage';
import { IdeasPanel } from '@/features/ideas/IdeasPanel';
import { LookupPage } from '@/features/ideas/LookupPage';
import { SubmitIdeaPage } from '@/features/ideas/SubmitIdeaPage';
import { BudgetingPanel } from '@/features/budgeting/BudgetingPanel';
import { NewRoundPage } from '@/features/budgeting/NewRoundPage';
import { RoundPage } from '@/features/budgeting/RoundPage';
import { GroupPage } from '@/features/kehra/GroupPage';
import { KehraPanel } from '@/features/kehra/KehraPanel';
import { NewGroupPage } from '@/features/kehra/NewGroupPage';
import { TableNewPage } from '@/features/kehra/TableNewPage';
import { TablePage } from '@/features/kehra/TablePage';
import { SpacePage } from '@/features/spaces/SpacePage';
import { SpaceRequestsPage } from '@/features/spaces/SpaceRequestsPage';
import { SpacesPanel } from '@/features/spaces/SpacesPanel';
import { ModerationPage } from '@/features/moderation/ModerationPage';
import { AppShell } from '@/features/shell/AppShell';
import { AccessibilityPage, DataSourcesPage, PrivacyPage } from '@/features/statements';

// The statistics card brings the chart library: loaded when a card is first opened.
const AreaStatisticsPage = lazy(() =>
  import('@/features/areas/AreaStatisticsPage').then((m) => ({ default: m.AreaStatisticsPage })),
);

/** The shell keeps the map mounted; each route fills the sidebar (later: /activities/:id, …). */
export const router = createBrowserRouter([
  {
    path: '/',
    element: <AppShell />,
    children: [
      { index: true, element: <AreasPanel /> },
      {
        path: 'areas/:id',
        element: (
          <Suspense>
            <AreaStatisticsPage />
          </Suspense>
        ),
      },
      { path: 'activities', element: <ActivitiesPanel /> },
      { path: 'activities/new', element: <ActivityNewPage /> },
      { path: 'activities/:id', element: <ActivityDetailPage /> },
      { path: 'ideas', element: <IdeasPanel /> },
      { path: 'ideas/new', element: <SubmitIdeaPage /> },
      { path: 'ideas/lookup', element: <LookupPage /> },
      { path: 'ideas/:id', element: <IdeaPage /> },
      { path: 'kehra', element: <KehraPanel /> },
      { path: 'kehra/groups/new', element: <NewGroupPage /> },
      { path: 'kehra/groups/:id', element: <GroupPage /> },
      { path: 'kehra/tables/new', element: <TableNewPage /> },
      { path: 'kehra/tables/:id', element: <TablePage /> },
      { path: 'budgeting', element: <BudgetingPanel /> },
      { path: 'budgeting/rounds/new', element: <NewRoundPage /> },
      { path: 'budgeting/rounds/:id', element: <RoundPage /> },
      { path: 'spaces', element: <SpacesPanel /> },
      { path: 'spaces/requests', element: <SpaceRequestsPage /> },
      { path: 'spaces/:id', element: <SpacePage /> },
      ...accountRoutes,
      { path: 'admin', element: <AdminPage /> },
      { path: 'moderation', element: <ModerationPage /> },
      { path: 'accessibility', element: <AccessibilityPage /> },
      { path: 'privacy', element: <PrivacyPage /> },
      { path: 'data-sources', element: <DataSourcesPage /> },
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
