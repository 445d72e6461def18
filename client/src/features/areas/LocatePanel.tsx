import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AREA_LEVELS } from '@contracts/areas';
import { ApiError } from '@/api/http';
import { areaName } from '@/layers/areas/area-name';
import { locateQuery } from '@/layers/areas/query';
import type { PointParam } from '@/state/url-state';
import { CoordinateFields } from '@/ui/CoordinateFields';
import { Panel } from '@/ui/Panel';

interface LocatePanelProps {
  point: PointParam | null;
  onPoint: (p: PointParam | null) => void;
  onSelectArea: (id: number) => void;
}

type FieldErrors = { lon?: string; lat?: string; form?: string };

/** "Which area am I in": a point from a map click or typed coordinates, answered at every level. */
export function LocatePanel({ point, onPoint, onSelectArea }: LocatePanelProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [lon, setLon] = useState(point?.lon ?? '');
  const [lat, setLat] = useState(point?.lat ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);

  // A map click fills the form too, so the coordinates can be read and adjusted.
  useEffect(() => {
    if (point) {
      setLon(point.lon);
      setLat(point.lat);
      setErrors({});
    }
  }, [point]);

  const result = useQuery({ ...locateQuery(point?.lon ?? '', point?.lat ?? ''), enabled: !!point });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const typed = { lon: lon.trim().replace(',', '.'), lat: lat.trim().replace(',', '.') };
    setSubmitting(true);
    try {
      // The server validates (its 400 messages are shown as they are); success moves the point.
      await queryClient.fetchQuery(locateQuery(typed.lon, typed.lat));
      setErrors({});
      onPoint(typed);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) {
        const fields = err.fieldMessages();
        setErrors({
          lon: fields.lon?.join('; '),
          lat: fields.lat?.join('; '),
          form: fields.lon || fields.lat ? undefined : err.message,
        });
      } else {
        setErrors({ form: t('locate.error', { message: err instanceof Error ? err.message : String(err) }) });
      }
    } finally {
      setSubmitting(false);
    }
  }

  const areas = result.data?.areas;
  const outside = areas && AREA_LEVELS.every((l) => areas[l] == null);

  return (
    <Panel id="locate-heading" heading={t('locate.heading')}>
      <p className="panel-help">{t('locate.help')}</p>
      <form className="locate-form" onSubmit={submit} noValidate>
        <CoordinateFields idPrefix="locate" lon={lon} lat={lat} onLon={setLon} onLat={setLat} errors={errors} />
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="locate-actions">
          <Button type="submit" size={ButtonSize.Small} disabled={submitting}>
            {t('locate.submit')}
          </Button>
          {point && (
            <Button type="button" size={ButtonSize.Small} variant={ButtonVariant.Secondary} onClick={() => onPoint(null)}>
              {t('locate.clear')}
            </Button>
          )}
        </div>
      </form>
      <div className="locate-result" aria-live="polite" aria-atomic="true" data-testid="locate-result">
        {point && result.isFetching && <p>{t('locate.searching')}</p>}
        {point && result.error && <p className="form-error">{t('locate.error', { message: result.error.message })}</p>}
        {point && areas && (
          <>
            <p className="locate-point">{t('locate.point', { lon: point.lon, lat: point.lat })}</p>
            {outside ? (
              <p>{t('locate.outside')}</p>
            ) : (
              <dl className="locate-areas">
                {[...AREA_LEVELS].reverse().map((level) => {
                  const a = areas[level];
                  return a ? (
                    <div key={level}>
                      <dt>{t(`levels.${level}`)}</dt>
                      <dd>
                        <button type="button" className="link-button" onClick={() => onSelectArea(a.id)}>
                          {areaName(a, i18n.language)}
                        </button>
                      </dd>
                    </div>
                  ) : null;
                })}
              </dl>
            )}
          </>
        )}
      </div>
    </Panel>
  );
}
