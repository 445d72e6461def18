import { Button, ButtonSize, ButtonVariant, IconLocation } from 'hds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Marker, useMap } from 'react-map-gl/maplibre';
import { flyToResult } from './camera';

type Problem = 'denied' | 'unavailable' | 'unsupported';

/** "Near me": the browser's location centres the map, with a marker there; a refusal is said plainly. */
export function NearMe() {
  const { t } = useTranslation();
  const { current: map } = useMap();
  const [here, setHere] = useState<{ lon: number; lat: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  function locate() {
    if (!('geolocation' in navigator)) return setProblem('unsupported');
    setBusy(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setBusy(false);
        const at = { lon: Number(pos.coords.longitude.toFixed(6)), lat: Number(pos.coords.latitude.toFixed(6)) };
        setHere(at);
        if (map) flyToResult(map, at);
      },
      (err) => {
        setBusy(false);
        setProblem(err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable');
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  return (
    <>
      <Button
        type="button"
        size={ButtonSize.Small}
        variant={ButtonVariant.Secondary}
        iconStart={<IconLocation />}
        onClick={locate}
        disabled={busy}
        className="near-me-button"
      >
        {busy ? t('search.nearMe.locating') : t('search.nearMe.button')}
      </Button>
      {problem && (
        <p className="near-me-problem" role="alert">
          {t(`search.nearMe.${problem}`)}
        </p>
      )}
      {here && (
        <Marker longitude={here.lon} latitude={here.lat} anchor="center">
          <span className="near-me-marker" role="img" aria-label={t('search.nearMe.marker')} data-testid="near-me-marker" />
        </Marker>
      )}
    </>
  );
}
