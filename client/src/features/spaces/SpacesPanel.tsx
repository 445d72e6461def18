import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { SPACE_KINDS, type Booking } from '@contracts/spaces';
import { sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { useAreaIndex } from '@/layers/areas/use-area-index';
import { useSpaceFilter } from '@/layers/spaces/filters';
import { myBookingsQuery, spaceKeys, spacesQuery, spacesSearch } from '@/layers/spaces/query';
import { AreaPicker } from '@/ui/AreaPicker';
import { DemoBadge } from '@/ui/DemoLabel';
import { StatusLine } from '@/ui/Feedback';
import { errorMessage } from '@/ui/format';
import { toIsoWithOffset, toLocalInput } from '@/ui/helsinki-time';
import { NativeSelect } from '@/ui/NativeSelect';
import { Panel } from '@/ui/Panel';
import { usePageTitle } from '@/ui/use-page-title';
import { useSelectedAreaId } from '@/state/url-state';
import { formatSlot, spaceName } from './space-names';
import './spaces.css';

/** /spaces: the spaces the city lends to groups, filtered by district, capacity, kind and a free time (the map's list twin). */
export function SpacesPanel() {
  const { t } = useTranslation();
  usePageTitle(t('spaces.heading'));
  const { index } = useAreaIndex();
  const [areaId, selectArea] = useSelectedAreaId();
  const { user, hasRole } = useAccount();
  return (
    <>
      <Panel id="spaces-heading" heading={t('spaces.heading')}>
        <p className="panel-help">{t('spaces.intro')}</p>
        {(hasRole('official') || hasRole('admin')) && (
          <p>
            <Link to="/spaces/requests">{t('spaces.requests.link')}</Link>
          </p>
        )}
      </Panel>
      <SpaceFilters />
      <AreaPicker index={index} selectedId={areaId} onSelect={selectArea} />
      <SpaceList />
      {user && <MyBookings />}
    </>
  );
}

function SpaceFilters() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filter = useSpaceFilter();
  const [capacity, setCapacity] = useState(filter.capacity ? String(filter.capacity) : '');
  const [from, setFrom] = useState(filter.freeFrom ? toLocalInput(filter.freeFrom) : '');
  const [to, setTo] = useState(filter.freeTo ? toLocalInput(filter.freeTo) : '');
  const [error, setError] = useState('');
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const freeFrom = from ? toIsoWithOffset(from) : null;
    const freeTo = to ? toIsoWithOffset(to) : null;
    if ((freeFrom == null) !== (freeTo == null) || (freeFrom && freeTo && Date.parse(freeFrom) >= Date.parse(freeTo))) {
      setError(t('spaces.filters.freeError'));
      return;
    }
    setError('');
    const n = Number(capacity);
    set({
      capacity: Number.isInteger(n) && n > 0 ? String(n) : null,
      freeFrom: freeFrom && new Date(freeFrom).toISOString(),
      freeTo: freeTo && new Date(freeTo).toISOString(),
    });
  };
  return (
    <Panel id="spaces-filters-heading" heading={t('spaces.filters.heading')}>
      <form className="spaces-filters" onSubmit={apply} noValidate>
        <NativeSelect
          id="spaces-filter-kind"
          label={t('spaces.filters.kind')}
          value={(filter.kind ?? '') as (typeof SPACE_KINDS)[number] | ''}
          placeholder={t('spaces.filters.allKinds')}
          options={SPACE_KINDS.map((k) => ({ value: k, label: t(`spaces.kind.${k}`) }))}
          onChange={(v) => set({ kind: v || null })}
        />
        <TextInput
          id="spaces-filter-capacity"
          type="number"
          min={1}
          label={t('spaces.filters.capacity')}
          value={capacity}
          onChange={(e) => setCapacity(e.target.value)}
        />
        <p className="panel-help">{t('spaces.filters.freeHelp')}</p>
        <div className="locate-fields">
          <TextInput
            id="spaces-filter-from"
            type="datetime-local"
            label={t('spaces.filters.freeFrom')}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
          <TextInput
            id="spaces-filter-to"
            type="datetime-local"
            label={t('spaces.filters.freeTo')}
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="spaces-filter-actions">
          <Button type="submit" size={ButtonSize.Small}>
            {t('spaces.filters.apply')}
          </Button>
          <Button
            type="button"
            size={ButtonSize.Small}
            variant={ButtonVariant.Secondary}
            onClick={() => {
              setCapacity('');
              setFrom('');
              setTo('');
              setError('');
              set({ capacity: null, freeFrom: null, freeTo: null, kind: null });
            }}
          >
            {t('spaces.filters.clear')}
          </Button>
        </div>
      </form>
    </Panel>
  );
}

function SpaceList() {
  const { t, i18n } = useTranslation();
  const { search } = useLocation();
  const filter = useSpaceFilter();
  const spaces = useQuery(spacesQuery(filter));
  const q = spacesSearch(filter);
  const features = spaces.data?.features ?? [];
  return (
    <Panel id="spaces-list-heading" heading={t('spaces.list.heading', { count: features.length })} testId="spaces-list">
      {spaces.isPending && <LoadingSpinner small loadingText={t('spaces.loading')} />}
      {spaces.error && <p className="form-error">{errorMessage(spaces.error)}</p>}
      {spaces.data && features.length === 0 && <p>{t('spaces.list.none')}</p>}
      <ul className="spaces-list">
        {features.map(({ properties: s }) => (
          <li key={s.id}>
            <Link className="spaces-list-link" to={{ pathname: `/spaces/${s.id}`, search }}>
              {spaceName(s, i18n.language)}
            </Link>
            {s.isDemo && <DemoBadge />}
            <span className="spaces-list-meta">
              {t(`spaces.kind.${s.kind}`)} · {t('spaces.capacity', { count: s.capacity })} · {s.address}
            </span>
          </li>
        ))}
      </ul>
      <p className="spaces-downloads">
        {t('spaces.download')} <a href={`/api/spaces.geojson${q ? `?${q}` : ''}`}>GeoJSON</a> ·{' '}
        <a href={`/api/spaces.csv${q ? `?${q}` : ''}`}>CSV</a>
      </p>
    </Panel>
  );
}

function MyBookings() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const mine = useQuery(myBookingsQuery());
  const [message, setMessage] = useState('');
  const cancel = useMutation({
    mutationFn: (b: Booking) => sendJson<Booking>('POST', `/api/spaces/${b.spaceId}/bookings/${b.id}/cancel`),
    onSuccess: async (b) => {
      setMessage(t('spaces.mine.cancelled', { space: b.spaceName }));
      await queryClient.invalidateQueries({ queryKey: spaceKeys.all });
    },
    onError: (err) => setMessage(errorMessage(err)),
  });
  const now = Date.now();
  return (
    <Panel id="spaces-mine-heading" heading={t('spaces.mine.heading')} testId="spaces-mine">
      {mine.data && mine.data.length === 0 && <p>{t('spaces.mine.none')}</p>}
      <StatusLine text={message} testId="spaces-mine-status" />
      <ul className="spaces-list">
        {mine.data?.map((b) => (
          <li key={b.id}>
            <Link to={`/spaces/${b.spaceId}`}>{b.spaceName}</Link>
            <span className="spaces-list-meta">
              {formatSlot(b.start, b.end, i18n.language)} · {t(`spaces.status.${b.status}`)}
              {b.decisionReason ? ` · ${b.decisionReason}` : ''}
            </span>
            {(b.status === 'requested' || b.status === 'confirmed') && Date.parse(b.end) > now && (
              <Button
                type="button"
                size={ButtonSize.Small}
                variant={ButtonVariant.Secondary}
                disabled={cancel.isPending}
                onClick={() => cancel.mutate(b)}
                aria-label={t('spaces.mine.cancelOf', { space: b.spaceName, slot: formatSlot(b.start, b.end, i18n.language) })}
              >
                {t('spaces.mine.cancel')}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Panel>
  );
}
