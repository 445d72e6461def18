import { useQuery } from '@tanstack/react-query';
import { Checkbox } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { IDEA_STAGES } from '@contracts/ideas';
import { useIdeaFilter } from '@/layers/ideas/filters';
import { themesQuery } from '@/layers/ideas/query';
import { areaName } from '@/layers/areas/area-name';
import { useAreaIndex } from '@/layers/areas/use-area-index';
import { useSearchParam, useSelectedAreaId } from '@/state/url-state';
import { themeName } from './format';

/** Theme, stage and "waiting" go to the URL; the area is the ?area= chosen with the picker. */
export function IdeaFilters() {
  const { t, i18n } = useTranslation();
  const filter = useIdeaFilter();
  const themes = useQuery(themesQuery());
  const { index } = useAreaIndex();
  const [, setArea] = useSelectedAreaId();
  const [, setTheme] = useSearchParam('theme');
  const [, setStage] = useSearchParam('stage');
  const [, setWaiting] = useSearchParam('waiting');
  const area = filter.area == null ? undefined : index.byId.get(filter.area);

  return (
    <section className="panel" aria-labelledby="idea-filters-heading">
      <h2 id="idea-filters-heading" className="panel-heading">
        {t('ideas.filters.heading')}
      </h2>
      <div className="idea-filters">
        <div className="kk-field">
          <label htmlFor="idea-filter-theme">{t('ideas.filters.theme')}</label>
          <select id="idea-filter-theme" value={filter.theme ?? ''} onChange={(e) => setTheme(e.target.value || null)}>
            <option value="">{t('ideas.filters.allThemes')}</option>
            {themes.data?.map((th) => (
              <option key={th.slug} value={th.slug}>
                {themeName(th, i18n.language)}
              </option>
            ))}
          </select>
        </div>
        <div className="kk-field">
          <label htmlFor="idea-filter-stage">{t('ideas.filters.stage')}</label>
          <select id="idea-filter-stage" value={filter.stage ?? ''} onChange={(e) => setStage(e.target.value || null)}>
            <option value="">{t('ideas.filters.allStages')}</option>
            {IDEA_STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`ideas.stage.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <Checkbox
          id="idea-filter-waiting"
          label={t('ideas.filters.waiting')}
          checked={filter.waiting}
          onChange={(e) => setWaiting(e.target.checked ? 'true' : null)}
        />
        <p className="idea-filter-area">
          {area ? (
            <>
              {t('ideas.filters.area', { name: areaName(area, i18n.language) })}{' '}
              <button type="button" className="link-button" onClick={() => setArea(null)}>
                {t('ideas.filters.clearArea')}
              </button>
            </>
          ) : (
            t('ideas.filters.noArea')
          )}
        </p>
      </div>
    </section>
  );
}
