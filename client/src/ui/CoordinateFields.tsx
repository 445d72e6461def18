import { TextInput } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { errorProps } from '@/ui/error-props';

interface CoordinateFieldsProps {
  /** Prefix of the inputs' ids: `${idPrefix}-lon`, `${idPrefix}-lat`. */
  idPrefix: string;
  lon: string;
  lat: string;
  onLon: (value: string) => void;
  onLat: (value: string) => void;
  errors?: { lon?: string; lat?: string };
}

/** Typed WGS84 coordinates side by side: the keyboard alternative to clicking the map. */
export function CoordinateFields({ idPrefix, lon, lat, onLon, onLat, errors = {} }: CoordinateFieldsProps) {
  const { t } = useTranslation();
  const field = (axis: 'lon' | 'lat', value: string, onChange: (value: string) => void) => (
    <TextInput
      id={`${idPrefix}-${axis}`}
      label={t(`locate.${axis}`)}
      value={value}
      inputMode="decimal"
      autoComplete="off"
      onChange={(e) => onChange(e.target.value)}
      {...errorProps(errors[axis])}
    />
  );
  return (
    <div className="locate-fields">
      {field('lon', lon, onLon)}
      {field('lat', lat, onLat)}
    </div>
  );
}

/** Typed coordinates as numbers (a decimal comma is accepted), or null when either is not a number. */
export function parseCoordinates(lon: string, lat: string): [number, number] | null {
  const [x, y] = [lon, lat].map((s) => (s.trim() ? Number(s.trim().replace(',', '.')) : NaN));
  return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
}
