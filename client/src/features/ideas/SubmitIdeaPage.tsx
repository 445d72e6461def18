import { useQueryClient } from '@tanstack/react-query';
import { Button, TextArea, TextInput } from 'hds-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IDEA_DESCRIPTION_MAX, IDEA_TITLE_MAX, IdeaSubmitBody, type IdeaSubmitResponse } from '@contracts/ideas';
import { ApiError, sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { draftGeometry, draftStore, useDraft } from '@/map/draw/draft';
import { ideaKeys } from '@/layers/ideas/query';
import { errorProps } from '@/ui/error-props';
import { errorMessage } from '@/ui/format';
import { FormErrorSummary } from '@/ui/FormErrorSummary';
import { GeometryInput, type PlaceMode } from '@/ui/GeometryInput';
import { Panel } from '@/ui/Panel';
import { ThemeCheckboxes } from '@/ui/ThemeCheckboxes';
import { useFormErrors } from '@/ui/use-form-errors';
import { usePageTitle } from '@/ui/use-page-title';

/** The form's fields in the order shown, and what takes the focus when each is wrong. */
const TARGETS = {
  geometry: '.idea-place input, .idea-place button',
  title: '#idea-title',
  description: '#idea-description',
  themes: '[id^="idea-theme-"]',
  costEstimateEur: '#idea-cost',
  contactName: '#idea-contact-name',
  contactEmail: '#idea-contact-email',
  form: '#idea-form-summary',
};
/** A picked district is the place too: its message shows where the place is chosen. */
const RENAME = { areaId: 'geometry' };

/** /ideas/new: anyone may submit; the tracking code is shown at once. */
export function SubmitIdeaPage() {
  const [result, setResult] = useState<IdeaSubmitResponse | null>(null);
  return result ? <Submitted result={result} onAnother={() => setResult(null)} /> : <IdeaForm onSubmitted={setResult} />;
}

function IdeaForm({ onSubmitted }: { onSubmitted: (r: IdeaSubmitResponse) => void }) {
  const { t, i18n } = useTranslation();
  usePageTitle(t('pageTitle.ideaNew'));
  const queryClient = useQueryClient();
  const { user } = useAccount();
  const draft = useDraft();
  const [mode, setMode] = useState<PlaceMode>('point');
  const [areaId, setAreaId] = useState<number | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [cost, setCost] = useState('');
  const [contactName, setContactName] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const form = useFormErrors(TARGETS, RENAME);
  const { errors } = form;
  const [busy, setBusy] = useState(false);

  // Map clicks draw only while this form is open.
  useEffect(() => {
    draftStore.setMode('point');
    return () => draftStore.reset();
  }, []);

  function changeMode(next: PlaceMode) {
    setMode(next);
    // Choosing a district: GeometryInput shows the picked one (and clears any drawing).
    if (next !== 'area') draftStore.setMode(next);
  }

  function body() {
    const typedCost = cost.trim().replace(/\s/g, '');
    return {
      title,
      description,
      themes: chosen,
      ...(mode === 'area' ? (areaId != null ? { areaId } : {}) : draftGeometry(draft) ? { geometry: draftGeometry(draft)! } : {}),
      // Not a whole number stays text, so the contract refuses it by name instead of sending NaN.
      ...(typedCost ? { costEstimateEur: /^\d+$/.test(typedCost) ? Number(typedCost) : typedCost } : {}),
      ...(contactName.trim() ? { contactName } : {}),
      ...(contactEmail.trim() ? { contactEmail: contactEmail.trim() } : {}),
      // Mails about the idea (its tracking code, its stages) are written in the language it was written in.
      language: i18n.language,
    };
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const values = body();
    // The route's own schema decides; the form says it in the reader's language where it can.
    const valid = form.check(IdeaSubmitBody, values, {
      say: {
        title: title.trim().length < 3 ? t('ideas.form.errors.title') : undefined,
        description: description.trim() ? undefined : t('ideas.form.errors.description'),
        themes:
          chosen.length === 0
            ? t('ideas.form.errors.themes')
            : chosen.length > 5
              ? t('ideas.form.errors.tooManyThemes')
              : undefined,
        geometry: t(`ideas.form.errors.geometry.${mode}`),
        areaId: t('ideas.form.errors.geometry.area'),
        costEstimateEur: t('ideas.form.errors.cost'),
      },
      // "Exactly one place" is a rule of the whole body, which zod checks only once the fields pass.
      extra: 'areaId' in values || 'geometry' in values ? {} : { geometry: t(`ideas.form.errors.geometry.${mode}`) },
      summary: t('ideas.form.errors.fix'),
    });
    if (!valid) return;
    setBusy(true);
    try {
      const res = await sendJson<IdeaSubmitResponse>('POST', '/api/ideas', IdeaSubmitBody.parse(values));
      await queryClient.invalidateQueries({ queryKey: ideaKeys.all });
      draftStore.reset();
      onSubmitted(res);
    } catch (err) {
      // A 400 says exactly what is wrong (e.g. the drawn area crosses itself), in the reader's language.
      const message =
        err instanceof ApiError && err.status === 400
          ? errorMessage(err)
          : t('ideas.form.errors.failed', { message: errorMessage(err) });
      form.fromServer(err, message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel id="idea-form-heading" heading={t('ideas.form.heading')}>
      <p className="panel-help">{user ? t('ideas.form.signedIn') : t('ideas.form.anonymous')}</p>
      <FormErrorSummary
        id="idea-form-summary"
        label={t('ideas.form.errors.heading')}
        message={errors.form}
        testId="idea-form-error"
      />
      <form className="idea-form" onSubmit={submit} noValidate>
        <GeometryInput mode={mode} onMode={changeMode} areaId={areaId} onArea={setAreaId} error={errors.geometry} />
        <TextInput
          id="idea-title"
          label={t('ideas.form.title')}
          required
          maxLength={IDEA_TITLE_MAX}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          {...errorProps(errors.title)}
        />
        <TextArea
          id="idea-description"
          label={t('ideas.form.description')}
          required
          maxLength={IDEA_DESCRIPTION_MAX}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          {...errorProps(errors.description)}
        />
        <ThemeCheckboxes
          idPrefix="idea"
          label={t('ideas.form.themes')}
          required
          helperText={t('ideas.form.themesHelp')}
          value={chosen}
          onChange={setChosen}
          errorText={errors.themes}
        />
        <TextInput
          id="idea-cost"
          label={t('ideas.form.cost')}
          helperText={t('ideas.form.costHelp')}
          inputMode="numeric"
          value={cost}
          onChange={(e) => setCost(e.target.value)}
          {...errorProps(errors.costEstimateEur)}
        />
        <fieldset className="idea-contact">
          <legend>{t('ideas.form.contact')}</legend>
          <p className="panel-help">{t('ideas.form.contactHelp')}</p>
          <TextInput
            id="idea-contact-name"
            label={t('ideas.form.contactName')}
            autoComplete="name"
            value={contactName}
            onChange={(e) => setContactName(e.target.value)}
            {...errorProps(errors.contactName)}
          />
          <TextInput
            id="idea-contact-email"
            label={t('ideas.form.contactEmail')}
            type="email"
            autoComplete="email"
            value={contactEmail}
            onChange={(e) => setContactEmail(e.target.value)}
            {...errorProps(errors.contactEmail)}
          />
        </fieldset>
        <Button type="submit" disabled={busy}>
          {t('ideas.form.submit')}
        </Button>
      </form>
      <p>
        <Link to="/ideas">{t('ideas.backToIdeas')}</Link>
      </p>
    </Panel>
  );
}

function Submitted({ result, onAnother }: { result: IdeaSubmitResponse; onAnother: () => void }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(result.trackingCode);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }

  return (
    <section className="panel idea-submitted" aria-labelledby="idea-submitted-heading">
      <h2 id="idea-submitted-heading" className="panel-heading" tabIndex={-1} ref={heading}>
        {t('ideas.submitted.heading')}
      </h2>
      <p>{t('ideas.submitted.keepCode')}</p>
      <p className="tracking-code" data-testid="tracking-code">
        {result.trackingCode}
      </p>
      <div className="idea-draw-actions">
        <Button type="button" onClick={copy}>
          {t('ideas.submitted.copy')}
        </Button>
        <Link className="kk-button-link" to={`/ideas/${result.id}`}>
          {t('ideas.submitted.open')}
        </Link>
      </div>
      <p aria-live="polite">
        {copied === 'yes' ? t('ideas.submitted.copied') : copied === 'no' ? t('ideas.submitted.copyFailed') : ''}
      </p>
      <p>
        <button type="button" className="link-button" onClick={onAnother}>
          {t('ideas.submitted.another')}
        </button>
      </p>
    </section>
  );
}
