import { Checkbox } from 'hds-react';
import { useTranslation } from 'react-i18next';
import { IDEA_STAGES } from '@contracts/ideas';
import { useIdeaFilter } from '@/layers/ideas/filters';
import { areaName } from '@/layers/areas/area-name';
import { useAreaIndex } from '@/layers/areas/use-area-index';
import { urlParams } from '@/state/url-filters';
import { useSelectedAreaId, useUrlParam } from '@/state/url-state';
import { DateRange } from '@/ui/DateRange';
import { NativeSelect } from '@/ui/NativeSelect';
import { ThemeFilter } from './ThemeFilter';
import { Panel } from '@/ui/Panel';

/** Theme, stage, "waiting" and the submission dates go to the URL; the area is the ?area= chosen with the picker. */
export function IdeaFilters() {
  const { t, i18n } = useTranslation();
  const filter = useIdeaFilter();
  const { index } = useAreaIndex();
  const [, setArea] = useSelectedAreaId();
  const [, setStage] = useUrlParam(urlParams.stage);
  const [, setWaiting] = useUrlParam(urlParams.waiting);
  const [, setFrom] = useUrlParam(urlParams.from);
  const [, setTo] = useUrlParam(urlParams.to);
  const area = filter.area == null ? undefined : index.byId.get(filter.area);

  return (
    <Panel id="idea-filters-heading" heading={t('ideas.filters.heading')}>
      <div className="idea-filters">
        <ThemeFilter id="idea-filter-theme" label={t('ideas.filters.theme')} allLabel={t('ideas.filters.allThemes')} />
        <NativeSelect
          id="idea-filter-stage"
          label={t('ideas.filters.stage')}
          value={filter.stage.length === 1 ? filter.stage[0] : ''}
          placeholder={t('ideas.filters.allStages')}
          options={IDEA_STAGES.map((s) => ({ value: s, label: t(`ideas.stage.${s}`) }))}
          onChange={(stage) => setStage(stage ? [stage as (typeof filter.stage)[number]] : [])}
        />
        <Checkbox
          id="idea-filter-waiting"
          label={t('ideas.filters.waiting')}
          checked={filter.waiting}
          onChange={(e) => setWaiting(e.target.checked)}
        />
        <DateRange
          id="idea-submitted"
          legend={t('ideas.filters.time')}
          fromLabel={t('ideas.filters.from')}
          toLabel={t('ideas.filters.to')}
          from={filter.from}
          to={filter.to}
          onFromChange={setFrom}
          onToChange={setTo}
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
    </Panel>
  );
}
