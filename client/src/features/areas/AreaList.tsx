import { useTranslation } from 'react-i18next';
import type { AreaProperties } from '@contracts/areas';
import { areaName, sortByName } from '@/layers/areas/area-name';
import { areaPath, type AreaIndex } from '@/layers/areas/use-area-index';
import { moveFocusAmong } from '@/a11y/list-keys';

const moveFocus = moveFocusAmong('button.area-tree-button');

interface AreaListProps {
  index: AreaIndex;
  selectedId: number | null;
  onSelect: (id: number) => void;
}

/**
 * The accessible alternative to the map: every suurpiiri, and the subdivisions along the chosen
 * path, as buttons. Tab works as usual; arrow keys, Home and End move between the buttons.
 */
export function AreaList({ index, selectedId, onSelect }: AreaListProps) {
  const { t, i18n } = useTranslation();
  const openIds = new Set(areaPath(index, selectedId).map((a) => a.id));

  const renderLevel = (areas: AreaProperties[] | undefined, depth: number) =>
    areas?.length ? (
      <ul className={`area-tree area-tree--${depth}`}>
        {sortByName(areas, i18n.language).map((a) => {
          const current = a.id === selectedId;
          return (
            <li key={a.id}>
              <button
                type="button"
                className="area-tree-button"
                aria-current={current ? 'true' : undefined}
                onClick={() => onSelect(a.id)}
              >
                {areaName(a, i18n.language)}
                <span className="visually-hidden">, {t(`levels.${a.level}`)}</span>
              </button>
              {openIds.has(a.id) && renderLevel(index.children.get(a.id), depth + 1)}
            </li>
          );
        })}
      </ul>
    ) : null;

  return (
    <section className="panel area-list" aria-labelledby="area-list-heading" id="area-list" tabIndex={-1}>
      <h2 id="area-list-heading" className="panel-heading">
        {t('list.heading')}
      </h2>
      <p id="area-list-help" className="panel-help">
        {t('list.help')}
      </p>
      <div onKeyDown={moveFocus}>{renderLevel(index.children.get(null), 0)}</div>
    </section>
  );
}
