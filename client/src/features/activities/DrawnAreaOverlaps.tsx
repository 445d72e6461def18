import { useQuery } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '@contracts/activities';
import { GeometryInput } from '@/ui/GeometryInput';
import { draftGeometry, draftStore, useDraft } from '@/map/draw/draft';
import { drawnAreaOverlapsQuery } from '@/layers/activities/query';
import { OverlapsSection } from './AreaOverlaps';

interface Props {
  /** The activities' time filter, as the API takes it. */
  span: { from?: string; to?: string };
  distance: number;
  onDistance: (m: number) => void;
  departments: Department[] | undefined;
}

const ignore = () => undefined;

/**
 * The chosen-district overlaps view for an area drawn on the map, asked again as corners change.
 * The shape lives only in the drawing, not in the URL: a polygon would make the address too long.
 */
export function DrawnAreaOverlaps({ span, distance, onDistance, departments }: Props) {
  const { t } = useTranslation();
  const [drawing, setDrawing] = useState(false);
  const draft = useDraft();
  const geometry = drawing ? draftGeometry({ mode: 'polygon', vertices: draft.vertices }) : null;
  const overlaps = useQuery(drawnAreaOverlapsQuery(geometry && { geometry, ...span, distance }));

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
        onClick={() => setDrawing(!drawing)}
      >
        {drawing ? t('activities.drawnOverlaps.remove') : t('activities.drawnOverlaps.draw')}
      </Button>
      {drawing && <AreaDrawing />}
    </OverlapsSection>
  );
}

/** Map clicks add corners while this is shown; removing the area or leaving the page clears the drawing. */
function AreaDrawing() {
  useEffect(() => {
    draftStore.setMode('polygon');
    return () => draftStore.reset();
  }, []);
  return <GeometryInput mode="polygon" modes={['polygon']} onMode={ignore} areaId={null} onArea={ignore} />;
}
