import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner, Notification } from 'hds-react';
import { type CSSProperties, type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { configQuery } from '@/api/config-query';
import { PointMarker } from '@/features/areas';
import { ZoomToArea } from '@/features/areas';
import { MapSearch } from '@/features/search';
import { MAP_LAYERS } from '@/layers';
import { useAreaIndex } from '@/layers/areas/use-area-index';
import { baseStyleQuery, OFFLINE_COLORS } from '@/map/base-style';
import { MapView } from '@/map/MapView';
import { resolveColor } from '@/map/theme';
import { formatCoord, usePoint, useSelectedAreaId } from '@/state/url-state';
import { SERVICE_PROFILE } from '@/features/statements';
import { Panel } from '@/ui/Panel';
import { AppFooter } from './AppFooter';
import { AppHeader } from './AppHeader';
import { PanelSheet } from './PanelSheet';

interface AppShellProps {
  /** The header's search field (address and place search), when the app has one. */
  headerSearch?: ReactNode;
}

/**
 * Header, the route's panels, the map, which stays mounted across routes, and the footer below.
 * On a phone the map comes first and the panels sit in a bottom sheet under it.
 */
export function AppShell({ headerSearch }: AppShellProps) {
  const { t } = useTranslation();
  const config = useQuery(configQuery());
  const offlineColors = useMemo(
    () => ({
      sea: resolveColor(OFFLINE_COLORS.sea),
      land: resolveColor(OFFLINE_COLORS.land),
      shore: resolveColor(OFFLINE_COLORS.shore),
    }),
    [],
  );
  const baseStyle = useQuery({
    ...baseStyleQuery(config.data?.mapStyleUrl ?? '', offlineColors),
    enabled: !!config.data,
  });
  const { index } = useAreaIndex();
  const [selectedId] = useSelectedAreaId();
  const [point, setPoint] = usePoint();
  const selected = selectedId == null ? undefined : index.byId.get(selectedId);

  return (
    <div className="app" style={SERVICE_PROFILE.colors as CSSProperties}>
      <div className="app-top">
        <AppHeader headerSearch={headerSearch} />
        <main className="app-body">
          <PanelSheet id="sidebar-content" label={t('app.sidebar')}>
            {config.data?.areasFromFixture && (
              <Notification type="alert" label={t('areas.fixtureTitle')} className="sidebar-notice">
                {t('areas.fixtureBody')}
              </Notification>
            )}
            {baseStyle.data?.kind === 'offline' && <p className="basemap-note">{t('map.offlineBasemap')}</p>}
            <Outlet />
            <Panel id="legend-heading" heading={t('legend.heading')}>
              {MAP_LAYERS.filter((l) => l.defaultVisible).map(({ id, Legend }) => (
                <Legend key={id} />
              ))}
            </Panel>
          </PanelSheet>
          <div className="map-pane">
            {config.error ? (
              <Notification type="error" label={t('areas.loadError')}>
                {config.error.message}
              </Notification>
            ) : baseStyle.data ? (
              <MapView
                baseStyle={baseStyle.data}
                selectedAreaId={selectedId}
                onMapClick={({ lng, lat }) => setPoint({ lon: formatCoord(lng), lat: formatCoord(lat) })}
              >
                <ZoomToArea area={selected} />
                <PointMarker point={point} />
                <MapSearch />
              </MapView>
            ) : (
              <div className="map-loading">
                <LoadingSpinner loadingText={t('map.loading')} />
              </div>
            )}
          </div>
        </main>
      </div>
      <AppFooter />
    </div>
  );
}
