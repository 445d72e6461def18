import { Button, ButtonSize, ButtonVariant, RadioButton, SelectionGroup } from 'hds-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeoJsonGeometry } from '@contracts/common';
import { AreaPicker } from '@/ui/AreaPicker';
import { CoordinateFields, parseCoordinates } from '@/ui/CoordinateFields';
import { draftStore, MIN_VERTICES, useDraft, type DraftMode } from '@/map/draw/draft';
import { useAreaIndex, type AreaIndex } from '@/layers/areas/use-area-index';

export type PlaceMode = DraftMode | 'area';
export const PLACE_MODES: PlaceMode[] = ['point', 'line', 'polygon', 'area'];

interface GeometryInputProps {
  mode: PlaceMode;
  onMode: (mode: PlaceMode) => void;
  areaId: number | null;
  onArea: (id: number | null) => void;
  error?: string;
  /** The ways offered (default: all); with one, the choice is not shown. */
  modes?: PlaceMode[];
}

/** A district's shape from the areas already loaded for the picker. */
function areaGeometry(index: AreaIndex, id: number): GeoJsonGeometry | null {
  for (const collection of Object.values(index.collections)) {
    const found = collection?.features.find((f) => f.properties.id === id);
    if (found) return found.geometry as GeoJsonGeometry;
  }
  return null;
}

/**
 * Where the idea is: drawn on the map (point, line, polygon), typed coordinates for a point, or a
 * district picked from the list. Typing and picking are the keyboard alternatives to drawing.
 */
export function GeometryInput({ mode, onMode, areaId, onArea, error, modes = PLACE_MODES }: GeometryInputProps) {
  const { t } = useTranslation();
  const draft = useDraft();
  const { index } = useAreaIndex();
  const [lon, setLon] = useState('');
  const [lat, setLat] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);
  // "Finish" pressed with too few corners: said until the count changes.
  const [refusedAt, setRefusedAt] = useState<number | null>(null);
  const refused = refusedAt !== null && refusedAt === draft.vertices.length;
  const drawn = mode !== 'area';
  const missing = drawn ? Math.max(0, MIN_VERTICES[mode] - draft.vertices.length) : 0;

  // A district picked from the list shows on the map as the place, as a drawn shape would.
  const picked = useMemo(() => (mode === 'area' && areaId != null ? areaGeometry(index, areaId) : null), [mode, areaId, index]);
  useEffect(() => {
    if (mode !== 'area') return;
    if (picked) draftStore.load('polygon', [], picked);
    else draftStore.reset();
  }, [mode, picked]);

  function placeTyped() {
    const typed = parseCoordinates(lon, lat);
    if (!typed) {
      setTypedError(t('ideas.form.place.typedInvalid'));
      return;
    }
    setTypedError(null);
    draftStore.add(typed);
  }

  return (
    <fieldset className="idea-place" aria-describedby={error ? 'idea-place-error' : undefined}>
      <legend>{t('ideas.form.place.legend')}</legend>
      {modes.length > 1 && (
        <SelectionGroup label={t('ideas.form.place.how')} direction="vertical">
          {modes.map((m) => (
            <RadioButton
              key={m}
              id={`idea-place-${m}`}
              name="idea-place-mode"
              value={m}
              label={t(`ideas.form.place.mode.${m}`)}
              checked={mode === m}
              onChange={() => onMode(m)}
            />
          ))}
        </SelectionGroup>
      )}

      {drawn && (
        <>
          <p className="panel-help">{t(`ideas.form.place.help.${mode}`)}</p>
          <p className="idea-draw-status" aria-live="polite" data-testid="draw-status">
            {draft.drawing ? t('ideas.form.place.drawingOn') : t('ideas.form.place.drawingOff')}{' '}
            {t('ideas.form.place.vertexCount', { count: draft.vertices.length })}
            {missing > 0 ? ` ${t('ideas.form.place.needMore', { count: missing })}` : ''}
          </p>
          {refused && (
            <p className="form-error" role="alert" data-testid="draw-refused">
              {t(`ideas.form.place.tooFew.${mode}`, { count: MIN_VERTICES[mode] })}
            </p>
          )}
          {draft.vertices.length > 0 && (
            <ol className="idea-vertices" aria-label={t('ideas.form.place.vertices')}>
              {draft.vertices.map(([x, y], i) => (
                <li key={`${i}-${x}-${y}`}>
                  <span>
                    {x.toFixed(5)}, {y.toFixed(5)}
                  </span>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => draftStore.remove(i)}
                    aria-label={t('ideas.form.place.removeVertex', { n: i + 1 })}
                  >
                    {t('ideas.form.place.remove')}
                  </button>
                </li>
              ))}
            </ol>
          )}
          <div className="idea-draw-actions">
            {mode !== 'point' && (
              <Button
                type="button"
                size={ButtonSize.Small}
                variant={ButtonVariant.Secondary}
                onClick={() => {
                  if (!draft.drawing) return draftStore.setDrawing(true);
                  setRefusedAt(draftStore.finish() ? null : draft.vertices.length);
                }}
              >
                {draft.drawing ? t('ideas.form.place.finish') : t('ideas.form.place.continue')}
              </Button>
            )}
            <Button
              type="button"
              size={ButtonSize.Small}
              variant={ButtonVariant.Secondary}
              onClick={draftStore.undo}
              disabled={draft.vertices.length === 0}
            >
              {t('ideas.form.place.undo')}
            </Button>
            <Button
              type="button"
              size={ButtonSize.Small}
              variant={ButtonVariant.Secondary}
              onClick={draftStore.clear}
              disabled={draft.vertices.length === 0}
            >
              {t('ideas.form.place.clear')}
            </Button>
          </div>
          {mode === 'point' && (
            <div className="idea-typed-point">
              <p className="panel-help">{t('ideas.form.place.typedHelp')}</p>
              <CoordinateFields idPrefix="idea-point" lon={lon} lat={lat} onLon={setLon} onLat={setLat} />
              {typedError && (
                <p className="form-error" role="alert">
                  {typedError}
                </p>
              )}
              <Button type="button" size={ButtonSize.Small} variant={ButtonVariant.Secondary} onClick={placeTyped}>
                {t('ideas.form.place.placeTyped')}
              </Button>
            </div>
          )}
        </>
      )}
      {mode === 'area' && <AreaPicker index={index} selectedId={areaId} onSelect={onArea} />}
      {error && (
        <p id="idea-place-error" className="form-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
