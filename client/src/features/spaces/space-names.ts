import type { SpaceProperties } from '@contracts/spaces';
import { formatDateTimeRange } from '@/ui/helsinki-time';

/** A space's name in the reader's language, Finnish where there is no translation. */
export const spaceName = (s: Pick<SpaceProperties, 'nameFi' | 'nameSv' | 'nameEn'>, language: string) =>
  (language === 'sv' ? s.nameSv : language === 'en' ? s.nameEn : null) ?? s.nameFi;

/** A slot as "9.12.2026 klo 18.00–20.00" in Helsinki time. */
export const formatSlot = (start: string, end: string, language: string) => formatDateTimeRange(start, end, language);
