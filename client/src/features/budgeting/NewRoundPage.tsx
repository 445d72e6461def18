import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { AREA_LEVELS, type AreaLevel } from '@contracts/areas';
import {
  ALLOCATIONS,
  PHASES,
  ROUND_PURPOSES,
  RoundBody,
  type Allocation,
  type Phase,
  type RoundDetail,
  type RoundPurpose,
} from '@contracts/budgeting';
import { sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { departmentsQuery } from '@/layers/activities/query';
import { budgetingKeys } from '@/layers/budgeting/query';
import { SaveError, useFocusById } from '@/ui/Feedback';
import { formatEuros } from '@/ui/format';
import { localInputInDays, toIsoWithOffset } from '@/ui/helsinki-time';
import { NativeSelect } from '@/ui/NativeSelect';
import { useFormErrors } from '@/ui/use-form-errors';
import { usePageTitle } from '@/ui/use-page-title';
import { linePot, localName } from './names';
import './budgeting.css';

const TARGETS = {
  nameFi: '#budgeting-round-name-fi',
  purpose: '#budgeting-round-purpose',
  totalEur: '#budgeting-round-total',
  allocation: '#budgeting-round-allocation :is(input, select)',
  ballot: '#budgeting-round-ballot',
  phases: '#budgeting-round-phase-proposals',
  form: '#budgeting-round-name-fi',
} as const;

const euros = (s: string) => (s.trim() ? Number(s.replace(/\s/g, '')) : undefined);
const percent = (s: string) => (s.trim() ? Number(s.replace(',', '.').replace(/\s/g, '')) : undefined);

/** The server's messages about the pots name a part of the allocation: all show at its fields. */
const RENAME = { 'allocation.departments': 'allocation', 'allocation.amounts': 'allocation', 'allocation.level': 'allocation' };

/** One repeating row of the allocation: a department's, a project's or a budget line's pot. */
interface PotRow {
  key: number;
  department: string;
  name: string;
  amount: string;
  lineAmount: string;
  share: string;
}
let rowKey = 0;
const newRow = (): PotRow => ({ key: ++rowKey, department: '', name: '', amount: '', lineAmount: '', share: '' });

/** The allocation part of the body, one shape per way, from the form's rows. */
function allocationBody(
  way: Allocation,
  rows: PotRow[],
  district: { level: AreaLevel; cityWide: string; split: 'equal' | 'population' },
) {
  switch (way) {
    case 'district':
      return {
        way,
        level: district.level,
        ...(euros(district.cityWide) ? { cityWideEur: euros(district.cityWide) } : {}),
        split: district.split,
        amounts: [],
      };
    case 'department':
      return { way, departments: rows.map((r) => ({ department: r.department, amountEur: euros(r.amount) })) };
    case 'project':
      return { way, projects: rows.map((r) => ({ nameFi: r.name.trim(), amountEur: euros(r.amount) })) };
    case 'budget_line':
      return {
        way,
        lines: rows.map((r) => ({ nameFi: r.name.trim(), lineAmountEur: euros(r.lineAmount), sharePercent: percent(r.share) })),
      };
  }
}

/** /budgeting/rounds/new: officials open a round; the form is checked by the route's own RoundBody. */
export function NewRoundPage() {
  const { t, i18n } = useTranslation();
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
  const [way, setWay] = useState<Allocation>('district');
  const [level, setLevel] = useState<AreaLevel>('suurpiiri');
  const [cityWide, setCityWide] = useState('');
  const [split, setSplit] = useState<'equal' | 'population'>('equal');
  const [rows, setRows] = useState<PotRow[]>(() => [newRow()]);
  const departments = useQuery({ ...departmentsQuery(), enabled: way === 'department' });
  const focusById = useFocusById();
  const [ballot, setBallot] = useState<'knapsack' | 'approval'>('knapsack');
  const [maxChoices, setMaxChoices] = useState('3');
  const [minAge, setMinAge] = useState('12');
  const [phases, setPhases] = useState<Record<Phase, string>>(
    () => Object.fromEntries(PHASES.map((p, i) => [p, localInputInDays(i * 14)])) as Record<Phase, string>,
  );
  const form = useFormErrors(TARGETS, RENAME);
  const setRow = (key: number, change: Partial<PotRow>) => {
    form.clear('allocation');
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));
  };
  const addRow = () => {
    const row = newRow();
    setRows((rs) => [...rs, row]);
    focusById(`budgeting-round-row-${row.key}-first`);
  };
  const removeRow = (key: number) => {
    const i = rows.findIndex((r) => r.key === key);
    const rest = rows.filter((r) => r.key !== key);
    setRows(rest);
    // The focus goes to the row that took its place, else to the add button.
    const next = rest[Math.min(i, rest.length - 1)];
    focusById(next ? `budgeting-round-row-${next.key}-first` : 'budgeting-round-add-row');
  };
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
    const iso = (v: string) => toIsoWithOffset(v) ?? v;
    const body = {
      nameFi: nameFi.trim(),
      ...(nameSv.trim() ? { nameSv: nameSv.trim() } : {}),
      ...(nameEn.trim() ? { nameEn: nameEn.trim() } : {}),
      purpose,
      totalEur: euros(total),
      allocation: allocationBody(way, rows, { level, cityWide, split }),
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
            options={ALLOCATIONS.map((w) => ({ value: w, label: t(`budgeting.allocation.${w}`) }))}
            onChange={(w) => {
              form.clear('allocation');
              setWay(w);
            }}
          />
          <fieldset
            id="budgeting-round-allocation"
            aria-describedby={form.errors.allocation ? 'budgeting-round-allocation-error' : undefined}
          >
            <legend>{t(`budgeting.newRound.pots.${way}`)}</legend>
            {form.errors.allocation && (
              <p id="budgeting-round-allocation-error" className="form-error">
                {form.errors.allocation}
              </p>
            )}
            {way === 'district' ? (
              <>
                <NativeSelect
                  id="budgeting-round-level"
                  label={t('budgeting.newRound.level')}
                  value={level}
                  options={AREA_LEVELS.map((l) => ({ value: l, label: t(`budgeting.level.${l}`) }))}
                  onChange={setLevel}
                />
                <NativeSelect
                  id="budgeting-round-split"
                  label={t('budgeting.newRound.split')}
                  value={split}
                  options={(['equal', 'population'] as const).map((v) => ({
                    value: v,
                    label: t(`budgeting.newRound.splits.${v}`),
                  }))}
                  onChange={setSplit}
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
                <ol className="budgeting-pot-rows">
                  {rows.map((r, i) => (
                    <li key={r.key} className="budgeting-pot-row" data-testid="budgeting-round-row">
                      {way === 'department' ? (
                        <NativeSelect
                          id={`budgeting-round-row-${r.key}-first`}
                          label={t('budgeting.newRound.row.department', { n: i + 1 })}
                          value={r.department}
                          placeholder={t('budgeting.newRound.row.chooseDepartment')}
                          options={(departments.data ?? []).map((d) => ({ value: d.slug, label: localName(d, i18n.language) }))}
                          onChange={(v) => setRow(r.key, { department: v })}
                        />
                      ) : (
                        <TextInput
                          id={`budgeting-round-row-${r.key}-first`}
                          label={t(`budgeting.newRound.row.${way === 'project' ? 'project' : 'line'}`, { n: i + 1 })}
                          value={r.name}
                          onChange={(e) => setRow(r.key, { name: e.target.value })}
                        />
                      )}
                      {way === 'budget_line' ? (
                        <>
                          <TextInput
                            id={`budgeting-round-row-${r.key}-line-amount`}
                            label={t('budgeting.newRound.row.lineAmount', { n: i + 1 })}
                            inputMode="numeric"
                            value={r.lineAmount}
                            onChange={(e) => setRow(r.key, { lineAmount: e.target.value })}
                          />
                          <TextInput
                            id={`budgeting-round-row-${r.key}-share`}
                            label={t('budgeting.newRound.row.share', { n: i + 1 })}
                            inputMode="decimal"
                            value={r.share}
                            onChange={(e) => setRow(r.key, { share: e.target.value })}
                          />
                          <p className="budgeting-meta" aria-live="polite" data-testid="budgeting-round-line-pot">
                            {t('budgeting.newRound.row.linePot', {
                              amount: (() => {
                                const v = linePot(euros(r.lineAmount), percent(r.share));
                                return v == null ? '—' : formatEuros(v, i18n.language);
                              })(),
                            })}
                          </p>
                        </>
                      ) : (
                        <TextInput
                          id={`budgeting-round-row-${r.key}-amount`}
                          label={t('budgeting.newRound.row.amount', { n: i + 1 })}
                          inputMode="numeric"
                          value={r.amount}
                          onChange={(e) => setRow(r.key, { amount: e.target.value })}
                        />
                      )}
                      {rows.length > 1 && (
                        <Button size={ButtonSize.Small} variant={ButtonVariant.Secondary} onClick={() => removeRow(r.key)}>
                          {t('budgeting.newRound.row.remove', { n: i + 1 })}
                        </Button>
                      )}
                    </li>
                  ))}
                </ol>
                <Button id="budgeting-round-add-row" size={ButtonSize.Small} variant={ButtonVariant.Secondary} onClick={addRow}>
                  {t(`budgeting.newRound.row.add.${way}`)}
                </Button>
              </>
            )}
          </fieldset>
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
          {/* A refusal naming a field shows at that field; any other as a notification. */}
          <SaveError error={Object.keys(form.errors).length ? null : create.error} />
          <Button type="submit" size={ButtonSize.Small} variant={ButtonVariant.Primary} disabled={create.isPending}>
            {t('budgeting.newRound.create')}
          </Button>
        </form>
      )}
    </section>
  );
}
