import { useTranslation } from 'react-i18next';
import { DISTANCES } from '@/layers/activities/filters';
import { formatDistance } from '@/ui/format';

/** "Within how many metres": a small group of toggle buttons (0 = touching or overlapping). */
export function DistanceChooser({ value, onChange, id }: { value: number; onChange: (m: number) => void; id: string }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="distance-chooser" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="distance-chooser-label">
        {t('activities.overlaps.distance')}
      </span>
      {DISTANCES.map((m) => (
        <button key={m} type="button" aria-pressed={m === value} onClick={() => onChange(m)}>
          {m === 0 ? t('activities.overlaps.touching') : formatDistance(m, i18n.language)}
        </button>
      ))}
    </div>
  );
}
