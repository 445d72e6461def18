import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AreaPicker } from '@/ui/AreaPicker';
import { areaName } from '@/layers/areas/area-name';
import { useAreaIndex } from '@/layers/areas/use-area-index';
import { useFocusAfterRender } from '@/ui/Feedback';
import './group-editing.css';

interface DistrictsInputProps {
  idPrefix: string;
  value: number[];
  onChange: (ids: number[]) => void;
  error?: string;
}

/** The districts a group works in: picked one at a time with the app's area picker (any level). */
export function DistrictsInput({ idPrefix, value, onChange, error }: DistrictsInputProps) {
  const { t, i18n } = useTranslation();
  const { index } = useAreaIndex();
  const [picked, setPicked] = useState<number | null>(null);
  const box = useRef<HTMLFieldSetElement>(null);
  const focusAfter = useFocusAfterRender();
  const name = (id: number) => {
    const area = index.byId.get(id);
    return area ? areaName(area, i18n.language) : String(id);
  };
  const errorId = `${idPrefix}-districts-error`;

  function remove(id: number) {
    const at = value.indexOf(id);
    onChange(value.filter((x) => x !== id));
    // The removed row's button is gone: the next row's (or the add button) takes the focus.
    focusAfter(() => {
      const buttons = box.current?.querySelectorAll<HTMLButtonElement>('[data-district-remove]');
      return buttons?.[Math.min(at, buttons.length - 1)] ?? box.current?.querySelector<HTMLButtonElement>('[data-district-add]');
    });
  }

  return (
    <fieldset className="idea-place" ref={box} aria-describedby={error ? errorId : undefined}>
      <legend>{t('kehra.groupForm.districts')}</legend>
      {value.length === 0 ? (
        <p className="panel-help">{t('kehra.groupForm.noDistricts')}</p>
      ) : (
        <ul className="kehra-list kehra-districts" data-testid={`${idPrefix}-districts`}>
          {value.map((id) => (
            <li key={id}>
              {name(id)}{' '}
              <button
                type="button"
                className="link-button"
                data-district-remove
                aria-label={t('kehra.groupForm.removeDistrictLabel', { name: name(id) })}
                onClick={() => remove(id)}
              >
                {t('kehra.groupForm.removeDistrict')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="panel-help">{t('kehra.groupForm.districtsHelp')}</p>
      <AreaPicker index={index} selectedId={picked} onSelect={setPicked} />
      <Button
        type="button"
        size={ButtonSize.Small}
        variant={ButtonVariant.Secondary}
        data-district-add
        disabled={picked == null || value.includes(picked)}
        onClick={() => picked != null && onChange([...value, picked])}
      >
        {picked == null ? t('kehra.groupForm.addDistrict') : t('kehra.groupForm.addDistrictNamed', { name: name(picked) })}
      </Button>
      {error && (
        <p id={errorId} className="form-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
