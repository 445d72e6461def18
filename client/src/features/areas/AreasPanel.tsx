import { LoadingSpinner, Notification } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAreaIndex } from '@/layers/areas/use-area-index';
import { usePoint, useSelectedAreaId } from '@/state/url-state';
import { AreaDownloads } from './AreaDownloads';
import { AreaList } from './AreaList';
import { AreaPicker } from '@/ui/AreaPicker';
import { LocatePanel } from './LocatePanel';
import { usePageTitle } from '@/ui/use-page-title';

/** The sidebar of the start page: choose an area, ask about a point, browse the list. */
export function AreasPanel() {
  const { t } = useTranslation();
  usePageTitle(t('pageTitle.areas'));
  const { index, isPending, error } = useAreaIndex();
  const [selectedId, select] = useSelectedAreaId();
  const [point, setPoint] = usePoint();

  if (error) {
    return (
      <Notification type="error" label={t('areas.loadError')}>
        {error.message}
      </Notification>
    );
  }
  if (isPending) return <LoadingSpinner small loadingText={t('areas.loading')} />;
  return (
    <>
      <AreaPicker index={index} selectedId={selectedId} onSelect={select} />
      {selectedId !== null && (
        <p className="area-statistics-link">
          <Link to={`/areas/${selectedId}`} data-testid="area-statistics-link">
            {t('statistics.link')}
          </Link>
        </p>
      )}
      <LocatePanel point={point} onPoint={setPoint} onSelectArea={select} />
      <AreaList index={index} selectedId={selectedId} onSelect={select} />
      <AreaDownloads />
    </>
  );
}
