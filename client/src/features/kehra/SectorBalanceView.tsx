import { useTranslation } from 'react-i18next';
import { SECTORS, type SectorBalance, type SectorWarning } from '@contracts/kehra';

/** Counts and shares of the three sectors, and the server's warnings in words. */
export function SectorBalanceView({ balance }: { balance: SectorBalance }) {
  const { t } = useTranslation();
  return (
    <div className="kehra-balance" data-testid="sector-balance">
      <ul className="kehra-list">
        {SECTORS.map((s) => (
          <li key={s}>
            {t(`kehra.sector.${s}`)}: {balance.counts[s]} ({Math.round(balance.shares[s] * 100)} %)
          </li>
        ))}
      </ul>
      {balance.warnings.length > 0 && (
        <ul className="kehra-warnings" data-testid="sector-warnings">
          {balance.warnings.map((w, i) => (
            <li key={i}>{warningText(t, w)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function warningText(t: (k: string, o?: Record<string, unknown>) => string, w: SectorWarning): string {
  switch (w.code) {
    case 'sector_missing':
    case 'sector_underrepresented':
      return t(`kehra.warning.${w.code}`, { sector: t(`kehra.sector.${w.sector}`) });
    case 'too_few_participants':
      return t('kehra.warning.too_few_participants', { min: w.min, count: w.count });
    case 'too_many_participants':
      return t('kehra.warning.too_many_participants', { max: w.max, count: w.count });
  }
}
