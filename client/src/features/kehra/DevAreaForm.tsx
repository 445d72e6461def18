import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, Checkbox, Notification, SelectionGroup, TextArea, TextInput } from 'hds-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEV_AREA_STATUSES, type DevAreaBody, type DevAreaStatus } from '@contracts/kehra';
import { sendJson } from '@/api/http';
import { errorProps } from '@/features/account/error-props';
import { GeometryInput } from '@/features/ideas/GeometryInput';
import { errorMessage, fieldErrors, themeName } from '@/features/ideas/format';
import { draftGeometry, draftStore, useDraft } from '@/layers/ideas/draft';
import { themesQuery } from '@/layers/ideas/query';
import { kehraKeys } from '@/layers/kehra/query';

/** Members draw a new development area (polygon) with the ideas' drawing tool and describe it. */
export function DevAreaForm({ groupId }: { groupId: number }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <div className="kehra-devarea-form">
      {saved && (
        <p role="status" data-testid="devarea-saved">
          {t('kehra.devArea.saved', { name: saved })}
        </p>
      )}
      {open ? (
        <DevAreaFields
          groupId={groupId}
          onDone={(name) => {
            setOpen(false);
            setSaved(name);
          }}
        />
      ) : (
        <Button type="button" size={ButtonSize.Small} onClick={() => (setSaved(null), setOpen(true))}>
          {t('kehra.devArea.open')}
        </Button>
      )}
    </div>
  );
}

function DevAreaFields({ groupId, onDone }: { groupId: number; onDone: (name: string | null) => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const themes = useQuery(themesQuery());
  const draft = useDraft();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [status, setStatus] = useState<DevAreaStatus>('planning');
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  // Map clicks add corners while the form is open; leaving clears the drawing.
  useEffect(() => {
    draftStore.setMode('polygon');
    return () => draftStore.reset();
  }, []);

  const save = useMutation({
    mutationFn: (body: DevAreaBody) => sendJson('POST', `/api/kehra/groups/${groupId}/areas`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: kehraKeys.all });
      onDone(name.trim());
    },
    onError: (err) => setErrors({ ...fieldErrors(err), form: errorMessage(err) }),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const geometry = draftGeometry({ mode: 'polygon', vertices: draft.vertices });
    const next: Record<string, string> = {};
    if (name.trim().length < 2) next.name = t('kehra.devArea.nameRequired');
    if (!geometry) next.geometry = t('kehra.devArea.geometryRequired');
    setErrors(next);
    if (Object.keys(next).length || !geometry) return;
    save.mutate({ name: name.trim(), description: description.trim() || undefined, themes: chosen, status, geometry: geometry as never });
  }

  return (
    <form className="idea-form" onSubmit={submit} noValidate aria-labelledby="kehra-devarea-form-heading">
      <h3 id="kehra-devarea-form-heading" className="kehra-subheading">
        {t('kehra.devArea.heading')}
      </h3>
      {errors.form && (
        <Notification type="error" label={t('kehra.devArea.failed')} data-testid="devarea-error">
          {errors.form}
        </Notification>
      )}
      <GeometryInput mode="polygon" modes={['polygon']} onMode={() => undefined} areaId={null} onArea={() => undefined} error={errors.geometry} />
      <TextInput id="kehra-devarea-name" label={t('kehra.devArea.name')} required value={name} onChange={(e) => setName(e.target.value)} {...errorProps(errors.name)} />
      <TextArea
        id="kehra-devarea-description"
        label={t('kehra.devArea.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        {...errorProps(errors.description)}
      />
      <SelectionGroup label={t('kehra.devArea.themes')} errorText={errors.themes}>
        {themes.data?.map((th) => (
          <Checkbox
            key={th.slug}
            id={`kehra-devarea-theme-${th.slug}`}
            label={themeName(th, i18n.language)}
            checked={chosen.includes(th.slug)}
            onChange={(e) => setChosen((c) => (e.target.checked ? [...c, th.slug] : c.filter((s) => s !== th.slug)))}
          />
        ))}
      </SelectionGroup>
      <div className="kk-field">
        <label htmlFor="kehra-devarea-status">{t('kehra.devArea.status')}</label>
        <select id="kehra-devarea-status" value={status} onChange={(e) => setStatus(e.target.value as DevAreaStatus)}>
          {DEV_AREA_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`kehra.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="idea-draw-actions">
        <Button type="submit" disabled={save.isPending}>
          {t('kehra.devArea.save')}
        </Button>
        <Button type="button" variant={ButtonVariant.Secondary} onClick={() => onDone(null)}>
          {t('kehra.cancel')}
        </Button>
      </div>
    </form>
  );
}
