import { Select, type Option } from 'hds-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AREA_LEVELS, type AreaLevel, type AreaProperties } from '@contracts/areas';
import { areaName, sortByName } from '@/layers/areas/area-name';
import { areaPath, type AreaIndex } from '@/layers/areas/use-area-index';
import type { Language } from '@/i18n/languages';
import { Panel } from '@/ui/Panel';

interface AreaPickerProps {
  index: AreaIndex;
  selectedId: number | null;
  onSelect: (id: number | null) => void;
}

/** Suurpiiri → peruspiiri → osa-alue; each choice narrows the next and is the current selection. */
export function AreaPicker({ index, selectedId, onSelect }: AreaPickerProps) {
  const { t } = useTranslation();
  const path = areaPath(index, selectedId);
  return (
    <Panel id="picker-heading" heading={t('picker.heading')}>
      <div className="picker">
        {AREA_LEVELS.map((level, depth) => (
          <LevelSelect
            key={level}
            level={level}
            parent={depth === 0 ? null : (path[depth - 1] ?? undefined)}
            value={path[depth] ?? null}
            index={index}
            onSelect={(id) => onSelect(id ?? path[depth - 1]?.id ?? null)}
          />
        ))}
      </div>
    </Panel>
  );
}

interface LevelSelectProps {
  level: AreaLevel;
  /** null for the top level; undefined when the parent level has no choice yet. */
  parent: AreaProperties | null | undefined;
  value: AreaProperties | null;
  index: AreaIndex;
  onSelect: (id: number | null) => void;
}

function LevelSelect({ level, parent, value, index, onSelect }: LevelSelectProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const areas = parent === undefined ? undefined : index.children.get(parent?.id ?? null);
  // HDS Select re-initialises whenever options, value, texts or onChange change identity: memoise.
  const options = useMemo(
    () => sortByName(areas ?? [], language).map((a) => ({ value: String(a.id), label: areaName(a, language) })),
    [areas, language],
  );
  const texts = useMemo(
    () => ({ label: t(`levels.${level}`), placeholder: t('picker.placeholder'), language }),
    [t, level, language],
  );
  const selectedValue = useMemo(() => (value ? [String(value.id)] : []), [value]);
  const onChange = useCallback(
    (selected: Option[]) => {
      const v = selected[0]?.value;
      // After HDS has closed its list: a prop change while open re-initialises it as open.
      setTimeout(() => onSelect(v ? Number(v) : null), 0);
    },
    [onSelect],
  );
  return (
    <Select
      // Remount when the language changes: HDS keeps its texts from the first render.
      key={language}
      id={`picker-${level}`}
      texts={texts}
      options={options}
      value={selectedValue}
      onChange={onChange}
      disabled={!areas?.length}
      clearable
      visibleOptions={8}
    />
  );
}
