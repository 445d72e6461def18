import { useQuery } from '@tanstack/react-query';
import { TextInput } from 'hds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan, Pot, RoundDetail } from '@contracts/budgeting';
import { useAccount } from '@/features/account';
import { areaName, sortByName } from '@/layers/areas/area-name';
import { areaPath, useAreaIndex } from '@/layers/areas/use-area-index';
import { districtLevel } from '@/layers/budgeting/pots';
import { plansQuery } from '@/layers/budgeting/query';
import { NativeSelect } from '@/ui/NativeSelect';
import { BallotForm, type Declared } from './BallotForm';

/** A plan is on the ballot once it is found feasible and has a cost estimate (as the server checks). */
export const onBallot = (p: Plan) => p.feasibility === 'feasible' && p.costEur != null;

/**
 * Voting: the voter declares age and residence once, then gets a ballot for each pot they may vote
 * in — their own district's and a city-wide one — with the plans on it.
 */
export function BallotSection({ round }: { round: RoundDetail }) {
  const { t, i18n } = useTranslation();
  const { user } = useAccount();
  const plans = useQuery(plansQuery(round.id));
  const { index } = useAreaIndex();
  const [age, setAge] = useState('');
  const [residence, setResidence] = useState('');
  const level = districtLevel(round) ?? 'suurpiiri';
  const areas = sortByName(
    (index.collections[level]?.features ?? []).map((f) => f.properties),
    i18n.language,
  );
  const residenceId = residence ? Number(residence) : null;
  const within = new Set(areaPath(index, residenceId).map((a) => a.id));
  const ballotPlans = (pot: Pot) => (plans.data ?? []).filter((p) => p.potId === pot.id && onBallot(p));
  // District pots are for their residents: shown once the voter says where they live.
  const pots = round.pots.filter(
    (p) => ballotPlans(p).length > 0 && (p.kind !== 'district' || (p.areaId != null && within.has(p.areaId))),
  );
  const declared: Declared = { age: age.trim() ? Number(age) : null, residenceAreaId: residenceId };

  return (
    <section className="budgeting-section" aria-labelledby="budgeting-ballot-heading" data-testid="budgeting-ballot">
      <h3 id="budgeting-ballot-heading">{t('budgeting.ballot.heading')}</h3>
      {!user ? (
        <p className="panel-help">{t('budgeting.ballot.signIn')}</p>
      ) : (
        <>
          <p className="panel-help">{t('budgeting.ballot.help')}</p>
          <fieldset className="budgeting-declaration">
            <legend>{t('budgeting.ballot.declaration')}</legend>
            <TextInput
              id="budgeting-ballot-age"
              label={t('budgeting.ballot.age')}
              helperText={t('budgeting.round.minAge', { age: round.eligibility.minAge })}
              inputMode="numeric"
              required
              value={age}
              onChange={(e) => setAge(e.target.value)}
            />
            <NativeSelect
              id="budgeting-ballot-residence"
              label={t('budgeting.ballot.residence')}
              value={residence}
              placeholder={t('budgeting.ballot.chooseResidence')}
              options={areas.map((a) => ({ value: String(a.id), label: areaName(a, i18n.language) }))}
              onChange={setResidence}
            />
          </fieldset>
          {residenceId == null ? (
            <p className="panel-help">{t('budgeting.ballot.declareFirst')}</p>
          ) : pots.length === 0 ? (
            <p className="panel-help">{t('budgeting.ballot.noPots')}</p>
          ) : (
            pots.map((p) => (
              <BallotForm key={p.id} round={round} pot={p} plans={ballotPlans(p)} declared={declared} userId={user.id} />
            ))
          )}
        </>
      )}
    </section>
  );
}
