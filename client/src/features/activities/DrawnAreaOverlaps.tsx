import { useQuery } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, Notification, TextInput } from 'hds-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Department } from '@contracts/activities';
import { GeometryInput } from '@/ui/GeometryInput';
import { draftGeometry, draftStore, useDraft } from '@/map/draw/draft';
import { drawnAreaOverlapsQuery } from '@/layers/activities/query';
import { drawnAreaParam } from '@/state/url-filters';
import { useUrlParam } from '@/state/url-state';
import { OverlapsSection } from './AreaOverlaps';

interface Props {
  /** The chosen district: choosing another starts over, which ends a drawing (and its link). */
  areaId: number | null;
  /** The activities' time filter, as the API takes it. */
  span: { from?: string; to?: string };
  distance: number;
  onDistance: (m: number) => void;
  departments: Department[] | undefined;
}

const ignore = () => undefined;

/**
 * The chosen-district overlaps view for an area drawn on the map, asked again as corners change.
 * A finished area is also in the address (?drawn=, bounded: drawnAreaParam), so the link shares it;
 * a link that cannot be read is said to be so and draws nothing.
 */
export function DrawnAreaOverlaps({ areaId, span, distance, onDistance, departments }: Props) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [shared, setShared] = useUrlParam(drawnAreaParam);
  // The shared corners as the page opened with them: the drawing starts from these once, and the
  // address is left alone until they are loaded into it.
  const [opened, setOpened] = useState(shared);
  const loading = useRef(shared !== null);
  const badLink = params.has(drawnAreaParam.name) && shared === null;
  const [drawing, setDrawing] = useState(shared !== null);
  const draft = useDraft();
  const district = useRef(areaId);
  useEffect(() => {
    if (district.current === areaId) return;
    district.current = areaId;
    loading.current = false;
    setOpened(null);
    setDrawing(false);
  }, [areaId]);
  const geometry = drawing ? draftGeometry({ mode: 'polygon', vertices: draft.vertices }) : null;
  const overlaps = useQuery(drawnAreaOverlapsQuery(geometry && { geometry, ...span, distance }));

  // The address follows the drawing without new history entries; no area, no parameter.
  const corners = geometry ? draft.vertices : null;
  const written = drawnAreaParam.write(corners);
  useEffect(() => {
    if (loading.current) {
      if (JSON.stringify(draft.vertices) !== JSON.stringify(opened)) return;
      loading.current = false;
    }
    if (written !== drawnAreaParam.write(shared)) setShared(corners, { replace: true });
  }, [written, shared, corners, setShared, draft.vertices, opened]);

  return (
    <OverlapsSection
      id="drawn-area-overlaps"
      heading={t('activities.drawnOverlaps.heading')}
      help={t('activities.drawnOverlaps.help')}
      distance={distance}
      onDistance={onDistance}
      overlaps={geometry ? overlaps : null}
      departments={departments}
    >
      {/* One button that changes its label keeps the keyboard user's focus where it was. */}
      <Button
        type="button"
        size={ButtonSize.Small}
        variant={drawing ? ButtonVariant.Secondary : ButtonVariant.Primary}
        onClick={() => {
          loading.current = false;
          setOpened(null);
          setDrawing(!drawing);
        }}
      >
        {drawing ? t('activities.drawnOverlaps.remove') : t('activities.drawnOverlaps.draw')}
      </Button>
      {badLink && !drawing && (
        <Notification type="alert" label={t('activities.drawnOverlaps.badLink')} className="sidebar-notice">
          {t('activities.drawnOverlaps.badLinkBody')}
        </Notification>
      )}
      {drawing && <AreaDrawing from={opened} />}
      {geometry && <ShareLink />}
    </OverlapsSection>
  );
}

/** The address of the page as it is now, which holds the drawn area: to copy and send. */
function ShareLink() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [copied, setCopied] = useState(false);
  const link = `${window.location.origin}${window.location.pathname}?${params.toString()}`;
  useEffect(() => setCopied(false), [link]);
  return (
    <div className="drawn-area-share">
      <TextInput
        id="drawn-area-link"
        label={t('activities.drawnOverlaps.link')}
        helperText={t('activities.drawnOverlaps.linkHelp')}
        readOnly
        value={link}
        onFocus={(e) => (e.target as HTMLInputElement).select()}
      />
      <Button
        type="button"
        size={ButtonSize.Small}
        variant={ButtonVariant.Secondary}
        onClick={() =>
          void navigator.clipboard?.writeText(link).then(
            () => setCopied(true),
            () => undefined,
          )
        }
      >
        {copied ? t('activities.drawnOverlaps.copied') : t('activities.drawnOverlaps.copy')}
      </Button>
    </div>
  );
}

/**
 * Map clicks add corners while this is shown; removing the area or leaving the page clears the
 * drawing. A shared link's area starts finished (not drawing), so a click does not add to it.
 */
function AreaDrawing({ from }: { from: [number, number][] | null }) {
  useEffect(() => {
    if (from) draftStore.load('polygon', from);
    else draftStore.setMode('polygon');
    return () => draftStore.reset();
  }, [from]);
  return <GeometryInput mode="polygon" modes={['polygon']} onMode={ignore} areaId={null} onArea={ignore} />;
}
