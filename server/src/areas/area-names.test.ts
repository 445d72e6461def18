import { describe, expect, it } from 'vitest';
import { titleCaseName } from './area-names.js';

describe('titleCaseName', () => {
  it('turns the WFS upper-case names into title case, Nordic letters included', () => {
    expect(titleCaseName('ETELÄINEN')).toBe('Eteläinen');
    expect(titleCaseName('ÖSTRA')).toBe('Östra');
    expect(titleCaseName('ITÄ-PASILA')).toBe('Itä-Pasila');
    expect(titleCaseName('  KAARTINKAUPUNKI  ')).toBe('Kaartinkaupunki');
    expect(titleCaseName('LÄNTINEN SUURPIIRI')).toBe('Läntinen Suurpiiri');
  });
  it('keeps names that already have their own casing', () => {
    expect(titleCaseName('Kruununhaka')).toBe('Kruununhaka');
    expect(titleCaseName('von Daehnin')).toBe('von Daehnin');
  });
});
