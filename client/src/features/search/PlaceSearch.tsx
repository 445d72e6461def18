import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMap } from 'react-map-gl/maplibre';
import { SEARCH_Q_MAX, SEARCH_Q_MIN, type SearchResult } from '@contracts/search';
import { formatCoord, usePoint, useSelectedAreaId } from '@/state/url-state';
import { flyToResult } from './camera';
import { placeSearchQuery } from './search-query';

/** Waits for a pause in typing so each keystroke does not ask the server. */
function useSettled(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * Search by district, place or address: a combobox (WAI-ARIA APG "list autocomplete"): arrows move
 * in the list, Enter chooses, Escape closes and then clears. A district becomes the chosen district
 * (the app's district filter, ?area=); a place or address becomes the map's point (?point=).
 */
export function PlaceSearch() {
  const { t, i18n } = useTranslation();
  const { current: map } = useMap();
  const [, selectArea] = useSelectedAreaId();
  const [, setPoint] = usePoint();
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const q = useSettled(text.trim());
  const lang = i18n.language.slice(0, 2);
  const search = useQuery(placeSearchQuery(q, lang));
  const results = q.length >= SEARCH_Q_MIN ? (search.data?.results ?? []) : [];
  const shown = open && q.length >= SEARCH_Q_MIN && q === text.trim() && !search.isFetching;
  const optionId = (i: number) => `${id}-option-${i}`;

  function choose(r: SearchResult) {
    setText(r.name);
    setOpen(false);
    setActive(-1);
    if (r.area) selectArea(r.area.id);
    else setPoint({ lon: formatCoord(r.lon), lat: formatCoord(r.lat) });
    if (map) flyToResult(map, r);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (!results.length) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + results.length) % results.length);
    } else if (e.key === 'Enter') {
      if (!shown || !results.length) return;
      e.preventDefault();
      choose(results[Math.max(active, 0)]);
    } else if (e.key === 'Escape') {
      if (open) setOpen(false);
      else setText('');
      setActive(-1);
    }
  }

  const status =
    q.length < SEARCH_Q_MIN || !open
      ? ''
      : search.isFetching || q !== text.trim()
        ? t('search.searching')
        : search.error
          ? t('search.error')
          : t('search.count', { count: results.length });

  return (
    <div className="place-search">
      <label htmlFor={`${id}-input`} className="place-search-label">
        {t('search.label')}
      </label>
      <input
        id={`${id}-input`}
        className="place-search-input"
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        maxLength={SEARCH_Q_MAX}
        placeholder={t('search.placeholder')}
        aria-autocomplete="list"
        aria-expanded={shown && results.length > 0}
        aria-controls={`${id}-listbox`}
        aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
        aria-describedby={`${id}-help`}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onFocus={() => text.trim().length >= SEARCH_Q_MIN && setOpen(true)}
      />
      <span id={`${id}-help`} className="visually-hidden">
        {t('search.help')}
      </span>
      <ul
        id={`${id}-listbox`}
        role="listbox"
        aria-label={t('search.results')}
        className="place-search-results"
        hidden={!shown || results.length === 0}
      >
        {shown &&
          results.map((r, i) => (
            <li
              key={r.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'is-active' : undefined}
              // Chosen on mouse down, before the input's blur closes the list.
              onMouseDown={(e) => {
                e.preventDefault();
                choose(r);
              }}
            >
              <span className="place-search-name">{r.name}</span>
              <span className="place-search-detail">{r.detail ?? t(`search.kind.${r.kind}`)}</span>
            </li>
          ))}
      </ul>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="search-status">
        {status}
      </p>
    </div>
  );
}
