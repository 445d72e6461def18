import { AGE_BANDS, type FigureKey } from '../contracts/statistics.js';

/**
 * Paavo (Statistics Finland, table paavo_pxt_12f7) variables the project keeps, by the project's
 * key: the English PxWeb label (as in the CSV downloads) and Paavo's own code (the PxWeb API's
 * value code, e.g. he_vakiy). Either names the figure; every other variable is skipped.
 */
const AGE_LABELS = [
  '0-2 years',
  '3-6 years',
  '7-12 years',
  '13-15 years',
  '16-17 years',
  '18-19 years',
  '20-24 years',
  '25-29 years',
  '30-34 years',
  '35-39 years',
  '40-44 years',
  '45-49 years',
  '50-54 years',
  '55-59 years',
  '60-64 years',
  '65-69 years',
  '70-74 years',
  '75-79 years',
  '80-84 years',
  '85 years or over',
];
const AGE_CODES = [
  '0_2',
  '3_6',
  '7_12',
  '13_15',
  '16_17',
  '18_19',
  '20_24',
  '25_29',
  '30_34',
  '35_39',
  '40_44',
  '45_49',
  '50_54',
  '55_59',
  '60_64',
  '65_69',
  '70_74',
  '75_79',
  '80_84',
  '85_',
];

export const PAAVO_FIGURES: Record<FigureKey, { label: string; code: string }> = {
  population: { label: 'Inhabitants, total (HE)', code: 'he_vakiy' },
  males: { label: 'Males (HE)', code: 'he_miehet' },
  females: { label: 'Females (HE)', code: 'he_naiset' },
  averageAge: { label: 'Average age of inhabitants (HE)', code: 'he_kika' },
  ...(Object.fromEntries(
    AGE_BANDS.map((key, i) => [key, { label: `${AGE_LABELS[i]} (HE)`, code: `he_${AGE_CODES[i]}` }]),
  ) as Record<(typeof AGE_BANDS)[number], { label: string; code: string }>),
  households: { label: 'Households, total (TE)', code: 'te_taly' },
  onePersonHouseholds: { label: 'One-person households (TE)', code: 'te_yks' },
  householdsWithChildren: { label: 'Households with children (TE)', code: 'te_laps' },
  pensionerHouseholds: { label: 'Pensioner households (TE)', code: 'te_elak' },
  ownerOccupiedHouseholds: { label: 'Households living in owner-occupied dwellings (TE)', code: 'te_omis_as' },
  rentedHouseholds: { label: 'Households living in rented dwellings (TE)', code: 'te_vuok_as' },
  averageHouseholdSize: { label: 'Average size of households (TE)', code: 'te_takk' },
  employed: { label: 'Employed (PT)', code: 'pt_tyoll' },
  unemployed: { label: 'Unemployed (PT)', code: 'pt_tyott' },
  students: { label: 'Students (PT)', code: 'pt_opisk' },
  pensioners: { label: 'Pensioners (PT)', code: 'pt_elakel' },
  children0to14: { label: 'Children aged 0 to 14 (PT)', code: 'pt_0_14' },
  workplaces: { label: 'Workplaces, total (TP)', code: 'tp_tyopy' },
  adults: { label: 'Aged 18 or over, total (HR)', code: 'hr_tuy' },
  averageIncome: { label: 'Average income of inhabitants (HR)', code: 'hr_ktu' },
};

const normal = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
const BY_NAME = new Map<string, FigureKey>(
  (Object.entries(PAAVO_FIGURES) as [FigureKey, { label: string; code: string }][]).flatMap(([key, f]) => [
    [normal(f.label), key],
    [normal(f.code), key],
  ]),
);

/** The project's key for a Paavo label or code (case and spacing aside), or null for a variable it does not keep. */
export const figureOfPaavo = (labelOrCode: string): FigureKey | null => BY_NAME.get(normal(labelOrCode)) ?? null;

/**
 * A Paavo value as a number, or null where Statistics Finland gives none: suppressed cells
 * (".", "..", "...") and empty ones.
 */
export function paavoValue(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}
