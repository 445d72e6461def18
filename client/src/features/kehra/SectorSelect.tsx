import { useTranslation } from 'react-i18next';
import { SECTORS, type Sector } from '@contracts/kehra';
import { NativeSelect } from '@/ui/NativeSelect';

/** The three sectors (Kehrä members; partnership table participants can use it with their own label). */
export function SectorSelect({
  id,
  value,
  onChange,
  label,
}: {
  id: string;
  value: Sector;
  onChange: (sector: Sector) => void;
  label?: string;
}) {
  const { t } = useTranslation();
  return (
    <NativeSelect
      id={id}
      label={label ?? t('kehra.members.sector')}
      value={value}
      options={SECTORS.map((s) => ({ value: s, label: t(`kehra.sector.${s}`) }))}
      onChange={onChange}
    />
  );
}
