import { describe, expect, it } from 'vitest';
import { FIGURE_KEYS } from '../contracts/statistics.js';
import { PAAVO_FIGURES, figureOfPaavo, paavoValue } from './paavo-figures.js';
import { paavoWideCsvValues, parseCsv } from './paavo-sources.js';

describe('Paavo labels and codes', () => {
  it('maps the English PxWeb labels and the Paavo codes to the same key', () => {
    expect(figureOfPaavo('Inhabitants, total (HE)')).toBe('population');
    expect(figureOfPaavo('he_vakiy')).toBe('population');
    expect(figureOfPaavo('  inhabitants,  TOTAL (HE) ')).toBe('population');
    expect(figureOfPaavo('85 years or over (HE)')).toBe('age_85_plus');
    expect(figureOfPaavo('he_85_')).toBe('age_85_plus');
    expect(figureOfPaavo('Workplaces, total (TP)')).toBe('workplaces');
    expect(figureOfPaavo('Unemployed (PT)')).toBe('unemployed');
  });

  it('keeps the inhabitants of main activity (PT) apart from the population (HE), and skips the rest', () => {
    expect(figureOfPaavo('Inhabitants, total (PT)')).toBeNull();
    expect(figureOfPaavo('Median income of inhabitants (HR)')).toBeNull();
  });

  it('has a label and a code for every figure, each naming one figure only', () => {
    expect(Object.keys(PAAVO_FIGURES).sort()).toEqual([...FIGURE_KEYS].sort());
    const names = Object.values(PAAVO_FIGURES).flatMap((f) => [f.label.toLowerCase(), f.code]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('reads suppressed and empty cells as no value', () => {
    expect(paavoValue('18462')).toBe(18462);
    expect(paavoValue('2.1')).toBe(2.1);
    for (const v of ['..', '.', '', null, 'x']) expect(paavoValue(v)).toBeNull();
  });

  it('reads the wide CSV, quoted labels with commas included', () => {
    const csv =
      'postinumero,nimi,vuosi,"Inhabitants, total (HE)",Males (HE),"Median income of inhabitants (HR)"\r\n00100,"Keskusta, Etu-Töölö",2023,18462,..,30000\r\n';
    expect(parseCsv(csv)[1]).toEqual(['00100', 'Keskusta, Etu-Töölö', '2023', '18462', '..', '30000']);
    const r = paavoWideCsvValues(csv);
    expect(r.values).toEqual([{ postalCode: '00100', year: 2023, figure: 'population', value: 18462 }]);
    expect(r.skipped).toBe(1);
    expect(r.names.get('00100')).toBe('Keskusta, Etu-Töölö');
  });
});
