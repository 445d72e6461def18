import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { AREA_LEVELS, type AreaLevel } from '@contracts/areas';
import { PHASES, ROUND_PURPOSES, RoundBody, type Phase, type RoundDetail, type RoundPurpose } from '@contracts/budgeting';
import { sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { budgetingKeys } from '@/layers/budgeting/query';
import { SaveError } from '@/ui/Feedback';
import { NativeSelect } from '@/ui/NativeSelect';
import { useFormErrors } from '@/ui/use-form-errors';
import { usePageTitle } from '@/ui/use-page-title';
import './budgeting.css';

/** The ways the form offers; department and budget-line rounds are made through the API for now. */
const FORM_WAYS = ['district', 'project'] as const;
type FormWay = (typeof FORM_WAYS)[number];

const TARGETS = {
  nameFi: '#budgeting-round-name-fi',
  purpose: '#budgeting-round-purpose',
  totalEur: '#budgeting-round-total',
  allocation: '#budgeting-round-way',
  ballot: '#budgeting-round-ballot',
  phases: '#budgeting-round-phase-proposals',
  form: '#budgeting-round-name-fi',
} as const;

/** A datetime-local value (the reader's local time) `days` from now, on the hour. */
function localInput(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setMinutes(0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:00`;
}

const euros = (s: string) => (s.trim() ? Number(s.replace(/\s/g, '')) : undefined);

/** /budgeting/rounds/new: officials open a round; the form is checked by the route's own RoundBody. */
export function NewRoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('budgeting.newRound.heading'));
  const { search } = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { hasRole, isLoading } = useAccount();
  const [nameFi, setNameFi] = useState('');
  const [nameSv, setNameSv] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [purpose, setPurpose] = useState<RoundPurpose>('allocating_funds');
  const [total, setTotal] = useState('');
  const [way, setWay] = useState<FormWay>('district');
  const [level, setLevel] = useState<AreaLevel>('suurpiiri');
  const [cityWide, setCityWide] = useState('');
  const [projectName, setProjectName] = useState('');
  const [projectAmount, setProjectAmount] = useState('');
  const [ballot, setBallot] = useState<'knapsack' | 'approval'>('knapsack');
  const [maxChoices, setMaxChoices] = useState('3');
  const [minAge, setMinAge] = useState('12');
  const [phases, setPhases] = useState<Record<Phase, string>>(
    () => Object.fromEntries(PHASES.map((p, i) => [p, localInput(i * 14)])) as Record<Phase, string>,
  );
  const form = useFormErrors(TARGETS);
  const create = useMutation({
    mutationFn: (body: RoundBody) => sendJson<RoundDetail>('POST', '/api/budgeting/rounds', body),
    onSuccess: async (round) => {
      queryClient.setQueryData(budgetingKeys.round(round.id), round);
      await queryClient.invalidateQueries({ queryKey: budgetingKeys.rounds() });
      void navigate({ pathname: `/budgeting/rounds/${round.id}`, search });
    },
    onError: (err) => form.fromServer(err),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const iso = (v: string) => {
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? v : d.toISOString();
    };
    const body = {
      nameFi: nameFi.trim(),
      ...(nameSv.trim() ? { nameSv: nameSv.trim() } : {}),
      ...(nameEn.trim() ? { nameEn: nameEn.trim() } : {}),
      purpose,
      totalEur: euros(total),
      allocation:
        way === 'district'
          ? { way, level, ...(euros(cityWide) ? { cityWideEur: euros(cityWide) } : {}), split: 'equal', amounts: [] }
          : { way, projects: [{ nameFi: projectName.trim() || nameFi.trim(), amountEur: euros(projectAmount) ?? euros(total) }] },
      ballot: ballot === 'knapsack' ? { type: 'knapsack' } : { type: 'approval', maxChoices: Number(maxChoices) },
      eligibility: { minAge: Number(minAge || 0) },
      phases: Object.fromEntries(PHASES.map((p) => [p, iso(phases[p])])),
    };
    if (form.check(RoundBody, body, { summary: t('budgeting.newRound.fix') })) create.mutate(body as RoundBody);
  }

  if (isLoading) return <LoadingSpinner small loadingText={t('budgeting.loading')} />;
  return (
    <section className="panel" aria-labelledby="budgeting-new-heading">
      <Link to={{ pathname: '/budgeting', search }}>{t('budgeting.back')}</Link>
      <h2 id="budgeting-new-heading" className="panel-heading">
        {t('budgeting.newRound.heading')}
      </h2>
      {!(hasRole('official') || hasRole('admin')) ? (
        <p className="panel-help">{t('budgeting.newRound.officialsOnly')}</p>
      ) : (
        <form className="budgeting-form" onSubmit={submit} noValidate>
          {form.errors.form && (
            <p className="form-error" role="alert">
              {form.errors.form}
            </p>
          )}
          <TextInput
            id="budgeting-round-name-fi"
            label={t('budgeting.newRound.nameFi')}
            required
            value={nameFi}
            onChange={(e) => setNameFi(e.target.value)}
            invalid={!!form.errors.nameFi}
            errorText={form.errors.nameFi}
          />
          <TextInput
            id="budgeting-round-name-sv"
            label={t('budgeting.newRound.nameSv')}
            value={nameSv}
            onChange={(e) => setNameSv(e.target.value)}
          />
          <TextInput
            id="budgeting-round-name-en"
            label={t('budgeting.newRound.nameEn')}
            value={nameEn}
            onChange={(e) => setNameEn(e.target.value)}
          />
          <NativeSelect
            id="budgeting-round-purpose"
            label={t('budgeting.round.purpose')}
            value={purpose}
            options={ROUND_PURPOSES.map((p) => ({ value: p, label: t(`budgeting.purpose.${p}`) }))}
            onChange={setPurpose}
            error={form.errors.purpose}
          />
          <TextInput
            id="budgeting-round-total"
            label={t('budgeting.newRound.total')}
            inputMode="numeric"
            required
            value={total}
            onChange={(e) => setTotal(e.target.value)}
            invalid={!!form.errors.totalEur}
            errorText={form.errors.totalEur}
          />
          <NativeSelect
            id="budgeting-round-way"
            label={t('budgeting.round.allocation')}
            value={way}
            options={FORM_WAYS.map((w) => ({ value: w, label: t(`budgeting.allocation.${w}`) }))}
            onChange={setWay}
            error={form.errors.allocation}
          />
          {way === 'district' ? (
            <>
              <NativeSelect
                id="budgeting-round-level"
                label={t('budgeting.newRound.level')}
                value={level}
                options={AREA_LEVELS.map((l) => ({ value: l, label: t(`budgeting.level.${l}`) }))}
                onChange={setLevel}
              />
              <TextInput
                id="budgeting-round-city-wide"
                label={t('budgeting.newRound.cityWide')}
                helperText={t('budgeting.newRound.cityWideHelp')}
                inputMode="numeric"
                value={cityWide}
                onChange={(e) => setCityWide(e.target.value)}
              />
            </>
          ) : (
            <>
              <TextInput
                id="budgeting-round-project"
                label={t('budgeting.newRound.project')}
                value={projectName}
                onChange={(e) => setProjectName(e.target.value)}
              />
              <TextInput
                id="budgeting-round-project-amount"
                label={t('budgeting.newRound.projectAmount')}
                inputMode="numeric"
                value={projectAmount}
                onChange={(e) => setProjectAmount(e.target.value)}
              />
            </>
          )}
          <NativeSelect
            id="budgeting-round-ballot"
            label={t('budgeting.round.ballot')}
            value={ballot}
            options={[
              { value: 'knapsack' as const, label: t('budgeting.ballotType.knapsack') },
              { value: 'approval' as const, label: t('budgeting.newRound.approval') },
            ]}
            onChange={setBallot}
            error={form.errors.ballot}
          />
          {ballot === 'approval' && (
            <TextInput
              id="budgeting-round-max"
              label={t('budgeting.newRound.maxChoices')}
              inputMode="numeric"
              value={maxChoices}
              onChange={(e) => setMaxChoices(e.target.value)}
            />
          )}
          <TextInput
            id="budgeting-round-min-age"
            label={t('budgeting.newRound.minAge')}
            inputMode="numeric"
            value={minAge}
            onChange={(e) => setMinAge(e.target.value)}
            invalid={!!form.errors.eligibility}
            errorText={form.errors.eligibility}
          />
          <fieldset className="budgeting-phase-dates">
            <legend>{t('budgeting.newRound.phases')}</legend>
            {form.errors.phases && <p className="form-error">{form.errors.phases}</p>}
            {PHASES.map((p) => (
              <div className="kk-field" key={p}>
                <label htmlFor={`budgeting-round-phase-${p}`}>{t(`budgeting.phase.${p}`)}</label>
                <input
                  id={`budgeting-round-phase-${p}`}
                  type="datetime-local"
                  value={phases[p]}
                  onChange={(e) => setPhases({ ...phases, [p]: e.target.value })}
                />
              </div>
            ))}
          </fieldset>
          <SaveError error={create.error} />
          <Button type="submit" size={ButtonSize.Small} variant={ButtonVariant.Primary} disabled={create.isPending}>
            {t('budgeting.newRound.create')}
          </Button>
        </form>
      )}
    </section>
  );
}
