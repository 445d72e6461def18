import { useQuery } from '@tanstack/react-query';
import { LoadingSpinner, Notification } from 'hds-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { configQuery } from '@/api/config-query';
import { AccountMenu } from '@/features/account';
import { PointMarker } from '@/features/areas';
import { ZoomToArea } from '@/features/areas';
import { MapSearch } from '@/features/search';
import { MAP_LAYERS } from '@/layers';
import { useAreaIndex } from '@/layers/areas/use-area-index';
import { baseStyleQuery, OFFLINE_COLORS } from '@/map/base-style';
import { MapView } from '@/map/MapView';
import { resolveColor } from '@/map/theme';
import { formatCoord, usePoint, useSelectedAreaId } from '@/state/url-state';
import { AppFooter } from './AppFooter';
import { LanguageSwitch } from './LanguageSwitch';
import { MainNav } from './MainNav';
import { Panel } from '@/ui/Panel';

/** Header, sidebar (the route's content), the map, which stays mounted across routes, and the footer below. */
export function AppShell() {
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
    <div className="app">
      <div className="app-top">
        <a className="skip-link" href="#sidebar-content">
          {t('app.skipToContent')}
        </a>
        <header className="app-header">
          <div className="app-title">
            <h1>{t('app.title')}</h1>
            <p>{t('app.tagline')}</p>
          </div>
          <MainNav />
          <LanguageSwitch />
          <AccountMenu />
        </header>
        <main className="app-body">
          <aside id="sidebar-content" tabIndex={-1} className="sidebar" aria-label={t('app.sidebar')}>
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
          </aside>
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
