import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Notification, SelectionGroup, TextArea, TextInput } from 'hds-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IDEA_DESCRIPTION_MAX, IDEA_TITLE_MAX, type IdeaSubmitResponse } from '@contracts/ideas';
import { ApiError, sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { draftGeometry, draftStore, useDraft } from '@/layers/ideas/draft';
import { ideaKeys, themesQuery } from '@/layers/ideas/query';
import { errorMessage, fieldErrors, themeName } from './format';
import { GeometryInput, type PlaceMode } from './GeometryInput';
import { Panel } from '@/ui/Panel';

type Errors = Partial<Record<'title' | 'description' | 'themes' | 'geometry' | 'costEstimateEur' | 'contactName' | 'contactEmail' | 'form', string>>;

/** /ideas/new: anyone may submit; the tracking code is shown at once. */
export function SubmitIdeaPage() {
  const [result, setResult] = useState<IdeaSubmitResponse | null>(null);
  return result ? <Submitted result={result} onAnother={() => setResult(null)} /> : <IdeaForm onSubmitted={setResult} />;
}

function IdeaForm({ onSubmitted }: { onSubmitted: (r: IdeaSubmitResponse) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const themes = useQuery(themesQuery());
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
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const summary = useRef<HTMLDivElement>(null);

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

  function localErrors(): Errors {
    const e: Errors = {};
    if (title.trim().length < 3) e.title = t('ideas.form.errors.title');
    if (!description.trim()) e.description = t('ideas.form.errors.description');
    if (chosen.length === 0) e.themes = t('ideas.form.errors.themes');
    if (chosen.length > 5) e.themes = t('ideas.form.errors.tooManyThemes');
    if (mode === 'area' ? areaId == null : !draftGeometry(draft)) e.geometry = t(`ideas.form.errors.geometry.${mode}`);
    if (cost.trim() && !/^\d+$/.test(cost.trim().replace(/\s/g, ''))) e.costEstimateEur = t('ideas.form.errors.cost');
    return e;
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = localErrors();
    if (Object.keys(found).length) {
      setErrors({ ...found, form: t('ideas.form.errors.fix') });
      summary.current?.focus();
      return;
    }
    setBusy(true);
    try {
      const body = {
        title: title.trim(),
        description: description.trim(),
        themes: chosen,
        ...(mode === 'area' ? { areaId: areaId! } : { geometry: draftGeometry(draft)! }),
        ...(cost.trim() ? { costEstimateEur: Number(cost.trim().replace(/\s/g, '')) } : {}),
        ...(contactName.trim() ? { contactName: contactName.trim() } : {}),
        ...(contactEmail.trim() ? { contactEmail: contactEmail.trim() } : {}),
      };
      const res = await sendJson<IdeaSubmitResponse>('POST', '/api/ideas', body);
      await queryClient.invalidateQueries({ queryKey: ideaKeys.all });
      draftStore.reset();
      onSubmitted(res);
    } catch (err) {
      // The server's 400 says exactly what is wrong (e.g. "geometry is not valid: Self-intersection").
      const fields = fieldErrors(err) as Errors;
      const message = err instanceof ApiError && err.status === 400 ? err.message : t('ideas.form.errors.failed', { message: errorMessage(err) });
      setErrors({ ...fields, geometry: fields.geometry ?? (/geometry|outside|vertices|area/i.test(message) ? message : undefined), form: message });
      summary.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  const toggleTheme = (slug: string, on: boolean) =>
    setChosen((c) => (on ? [...c, slug] : c.filter((s) => s !== slug)));

  return (
    <Panel id="idea-form-heading" heading={t('ideas.form.heading')}>
      <p className="panel-help">{user ? t('ideas.form.signedIn') : t('ideas.form.anonymous')}</p>
      <div ref={summary} tabIndex={-1} className="idea-form-summary">
        {errors.form && (
          <Notification type="error" label={t('ideas.form.errors.heading')} data-testid="idea-form-error">
            {errors.form}
          </Notification>
        )}
      </div>
      <form className="idea-form" onSubmit={submit} noValidate>
        <GeometryInput mode={mode} onMode={changeMode} areaId={areaId} onArea={setAreaId} error={errors.geometry} />
        <TextInput
          id="idea-title"
          label={t('ideas.form.title')}
          required
          maxLength={IDEA_TITLE_MAX}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          invalid={!!errors.title}
          errorText={errors.title}
        />
        <TextArea
          id="idea-description"
          label={t('ideas.form.description')}
          required
          maxLength={IDEA_DESCRIPTION_MAX}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          invalid={!!errors.description}
          errorText={errors.description}
        />
        <SelectionGroup label={t('ideas.form.themes')} required errorText={errors.themes} helperText={t('ideas.form.themesHelp')}>
          {themes.data?.map((th) => (
            <Checkbox
              key={th.slug}
              id={`idea-theme-${th.slug}`}
              label={themeName(th, i18n.language)}
              checked={chosen.includes(th.slug)}
              onChange={(e) => toggleTheme(th.slug, e.target.checked)}
            />
          ))}
        </SelectionGroup>
        <TextInput
          id="idea-cost"
          label={t('ideas.form.cost')}
          helperText={t('ideas.form.costHelp')}
          inputMode="numeric"
          value={cost}
          onChange={(e) => setCost(e.target.value)}
          invalid={!!errors.costEstimateEur}
          errorText={errors.costEstimateEur}
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
            invalid={!!errors.contactName}
            errorText={errors.contactName}
          />
          <TextInput
            id="idea-contact-email"
            label={t('ideas.form.contactEmail')}
            type="email"
            autoComplete="email"
            value={contactEmail}
            onChange={(e) => setContactEmail(e.target.value)}
            invalid={!!errors.contactEmail}
            errorText={errors.contactEmail}
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
      <p aria-live="polite">{copied === 'yes' ? t('ideas.submitted.copied') : copied === 'no' ? t('ideas.submitted.copyFailed') : ''}</p>
      <p>
        <button type="button" className="link-button" onClick={onAnother}>
          {t('ideas.submitted.another')}
        </button>
      </p>
    </section>
  );
}
