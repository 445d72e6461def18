import { useTranslation } from 'react-i18next';
import type { KeyboardEvent } from 'react';
import type { AreaProperties } from '@contracts/areas';
import { areaName, sortByName } from '@/layers/areas/area-name';
import { areaPath, type AreaIndex } from '@/layers/areas/use-area-index';

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
      <div onKeyDown={moveFocus}>
        {renderLevel(index.children.get(null), 0)}
      </div>
    </section>
  );
}

function moveFocus(e: KeyboardEvent<HTMLDivElement>) {
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.area-tree-button')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (at < 0) return;
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
  if (next === undefined) return;
  e.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, next))]?.focus();
}
