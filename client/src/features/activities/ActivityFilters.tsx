import { useQuery } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, Checkbox } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { ACTIVITY_KINDS, ACTIVITY_STATUSES } from '@contracts/activities';
import { effectiveFrom, localDate, type ActivityFilters as Filters } from '@/layers/activities/filters';
import { KindSymbol } from '@/layers/activities/Legend';
import { localName } from '@/layers/activities/names';
import { departmentsQuery } from '@/layers/activities/query';
import { themesQuery } from '@/layers/ideas/query';
import { DateRange } from '@/ui/DateRange';

interface Props {
  filters: Filters;
  onChange: (patch: Partial<Filters>) => void;
}

/** Adds or removes one value of a list filter. */
const toggle = <T extends string>(list: readonly T[], value: T, on: boolean): T[] =>
  on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);

/**
 * The layer panel (one toggle per department, coloured as on the map) and the filters. Every
 * control writes the URL, so the view is a permalink.
 */
export function ActivityFilters({ filters, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const departments = useQuery(departmentsQuery());
  const themes = useQuery(themesQuery());
  const allSlugs = departments.data?.map((d) => d.slug) ?? [];
  const shown = (slug: string) => filters.department === null || filters.department.includes(slug);
  const setDepartment = (slug: string, on: boolean) => {
    const next = toggle(filters.department ?? allSlugs, slug, on);
    // Every department on is the default: no parameter, so new departments show up too.
    onChange({ department: allSlugs.every((s) => next.includes(s)) ? null : next });
  };
  const today = localDate();

  return (
    <section className="panel activity-filters" aria-labelledby="activity-filters-heading">
      <h2 id="activity-filters-heading" className="panel-heading">
        {t('activities.filters.heading')}
      </h2>

      <fieldset className="activity-fieldset">
        <legend>{t('activities.filters.departments')}</legend>
        <div className="activity-checks activity-checks--single">
          {departments.data?.map((d) => (
            <div key={d.slug} className="activity-check-row">
              <Checkbox
                id={`activity-department-${d.slug}`}
                checked={shown(d.slug)}
                onChange={(e) => setDepartment(d.slug, e.target.checked)}
                label={localName(d, i18n.language)}
              />
              <span aria-hidden="true" className="activity-swatch" style={{ background: d.color }} />
            </div>
          ))}
        </div>
      </fieldset>

      <DateRange
        id="activity"
        legend={t('activities.filters.time')}
        fromLabel={t('activities.filters.from')}
        toLabel={t('activities.filters.to')}
        from={effectiveFrom(filters, today)}
        to={filters.to}
        onFromChange={(from) => onChange({ from: from ?? 'all' })}
        onToChange={(to) => onChange({ to })}
      >
        <div className="activity-time-presets" role="group" aria-label={t('activities.filters.presets')}>
          <Button
            size={ButtonSize.Small}
            variant={ButtonVariant.Secondary}
            aria-pressed={filters.from === 'upcoming' && !filters.to}
            onClick={() => onChange({ from: 'upcoming', to: null })}
          >
            {t('activities.filters.upcoming')}
          </Button>
          <Button
            size={ButtonSize.Small}
            variant={ButtonVariant.Secondary}
            aria-pressed={filters.from === 'all' && !filters.to}
            onClick={() => onChange({ from: 'all', to: null })}
          >
            {t('activities.filters.allTime')}
          </Button>
        </div>
      </DateRange>

      <fieldset className="activity-fieldset">
        <legend>{t('activities.filters.themes')}</legend>
        <div className="activity-checks">
          {themes.data?.map((th) => (
            <Checkbox
              key={th.slug}
              id={`activity-theme-${th.slug}`}
              label={localName(th, i18n.language)}
              checked={filters.theme.includes(th.slug)}
              onChange={(e) => onChange({ theme: toggle(filters.theme, th.slug, e.target.checked) })}
            />
          ))}
        </div>
      </fieldset>

      <fieldset className="activity-fieldset">
        <legend>{t('activities.filters.kinds')}</legend>
        <div className="activity-checks">
          {ACTIVITY_KINDS.map((k) => (
            <div key={k} className="activity-check-row">
              <Checkbox
                id={`activity-kind-${k}`}
                label={t(`activities.kind.${k}`)}
                checked={filters.kind.includes(k)}
                onChange={(e) => onChange({ kind: toggle(filters.kind, k, e.target.checked) })}
              />
              <KindSymbol kind={k} />
            </div>
          ))}
        </div>
      </fieldset>

      <fieldset className="activity-fieldset">
        <legend>{t('activities.filters.statuses')}</legend>
        <div className="activity-checks">
          {ACTIVITY_STATUSES.map((s) => (
            <Checkbox
              key={s}
              id={`activity-status-${s}`}
              label={t(`activities.status.${s}`)}
              checked={filters.status.includes(s)}
              onChange={(e) => onChange({ status: toggle(filters.status, s, e.target.checked) })}
            />
          ))}
        </div>
      </fieldset>

      <Button
        size={ButtonSize.Small}
        variant={ButtonVariant.Secondary}
        onClick={() => onChange({ department: null, theme: [], kind: [], status: [], from: 'upcoming', to: null })}
      >
        {t('activities.filters.reset')}
      </Button>
    </section>
  );
}
