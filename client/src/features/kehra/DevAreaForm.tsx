import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, Notification, TextArea, TextInput } from 'hds-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GeoJsonGeometry } from '@contracts/common';
import {
  DEV_AREA_STATUSES,
  DevAreaBody,
  DevAreaPatchBody,
  type DevAreaStatus,
  type KehraDevAreaProperties,
} from '@contracts/kehra';
import { sendJson } from '@/api/http';
import { errorProps } from '@/ui/error-props';
import { GeometryInput } from '@/ui/GeometryInput';
import { errorMessage } from '@/ui/format';
import { useFormErrors } from '@/ui/use-form-errors';
import { draftGeometry, draftStore, editableRing, shapeParts, useDraft } from '@/map/draw/draft';
import { devAreaQuery, kehraKeys } from '@/layers/kehra/query';
import { ThemeCheckboxes } from '@/ui/ThemeCheckboxes';
import { NativeSelect } from '@/ui/NativeSelect';
import { FormActions } from '@/ui/FormActions';

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

/**
 * Members edit a development area: the same fields, starting from the current values and shape.
 * The shape is sent only when it was redrawn; every save makes a new version on the server.
 */
export function DevAreaEditForm({ area, onDone }: { area: KehraDevAreaProperties; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const feature = useQuery(devAreaQuery(area.id));
  if (feature.error) return <p className="form-error">{errorMessage(feature.error)}</p>;
  if (!feature.data) return <p className="panel-help">{t('kehra.loading')}</p>;
  return (
    <DevAreaFields groupId={area.groupId} area={area} geometry={feature.data.geometry} onDone={(name) => onDone(name !== null)} />
  );
}

interface FieldsProps {
  groupId: number;
  onDone: (name: string | null) => void;
  /** Editing: the area and its current shape. */
  area?: KehraDevAreaProperties;
  geometry?: GeoJsonGeometry;
}

/** The form's fields in the order shown, and what takes the focus when each is wrong. */
const targets = (idp: string) => ({
  geometry: `[aria-labelledby="${idp}-form-heading"] .idea-place button`,
  name: `#${idp}-name`,
  description: `#${idp}-description`,
  themes: `[id^="${idp}-theme-"]`,
  status: `#${idp}-status`,
  form: `#${idp}-form-heading`,
});

function DevAreaFields({ groupId, onDone, area, geometry: current }: FieldsProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const draft = useDraft();
  const editing = !!area;
  const idp = editing ? `kehra-devarea-edit-${area.id}` : 'kehra-devarea';
  const [name, setName] = useState(area?.name ?? '');
  const [description, setDescription] = useState(area?.description ?? '');
  const [status, setStatus] = useState<DevAreaStatus>(area?.status ?? 'planning');
  const [chosen, setChosen] = useState<string[]>(area?.themes ?? []);
  const [fieldTargets] = useState(() => targets(idp));
  const form = useFormErrors(fieldTargets);
  const { errors } = form;
  const heading = useRef<HTMLHeadingElement>(null);
  const [initialRing] = useState(() => editableRing(current));

  const parts = editing && !initialRing ? shapeParts(current) : null;

  // Map clicks add corners while the form is open; leaving clears the drawing. Editing starts from the current
  // shape: its corners, or, for a shape of several parts or with holes, the shape itself shown until redrawn.
  useEffect(() => {
    if (initialRing) draftStore.load('polygon', initialRing);
    else if (editing && current) draftStore.load('polygon', [], current);
    else draftStore.setMode('polygon');
    if (editing) heading.current?.focus();
    return () => draftStore.reset();
  }, [initialRing, editing, current]);

  const save = useMutation({
    mutationFn: (body: Partial<DevAreaBody>) =>
      editing
        ? sendJson('PATCH', `/api/kehra/areas/${area.id}`, body)
        : sendJson('POST', `/api/kehra/groups/${groupId}/areas`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: kehraKeys.all });
      onDone(name.trim());
    },
    onError: (err) => form.fromServer(err, errorMessage(err)),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const drawn = draftGeometry({ mode: 'polygon', vertices: draft.vertices });
    // Editing: an untouched (or, for a multi-part area, undrawn) shape stays as it is.
    const unchanged = editing && (draft.vertices.length === 0 || JSON.stringify(draft.vertices) === JSON.stringify(initialRing));
    const fields = { name: name.trim(), themes: chosen, status };
    const body: Partial<DevAreaBody> = editing
      ? { ...fields, description: description.trim(), ...(unchanged ? {} : { geometry: { ...drawn } }) }
      : { ...fields, description: description.trim() || undefined, ...(drawn ? { geometry: { ...drawn } } : {}) };
    // The route's own schema decides; the form says it in the reader's language where it can.
    const valid = form.check(editing ? DevAreaPatchBody : DevAreaBody, body, {
      say: {
        name: name.trim().length < 2 ? t('kehra.devArea.nameRequired') : undefined,
        geometry: t('kehra.devArea.geometryRequired'),
      },
      extra: !drawn && !unchanged ? { geometry: t('kehra.devArea.geometryRequired') } : {},
    });
    if (valid) save.mutate(body);
  }

  return (
    <form className="idea-form" onSubmit={submit} noValidate aria-labelledby={`${idp}-form-heading`}>
      <h3 id={`${idp}-form-heading`} className="kehra-subheading" ref={heading} tabIndex={-1}>
        {editing ? t('kehra.devArea.editHeading', { name: area.name }) : t('kehra.devArea.heading')}
      </h3>
      {errors.form && (
        <Notification type="error" label={t('kehra.devArea.failed')} data-testid="devarea-error">
          {errors.form}
        </Notification>
      )}
      {editing && (
        <p className="panel-help" data-testid="devarea-edit-help">
          {parts ? t('kehra.devArea.editPartsHelp', parts) : t('kehra.devArea.editHelp')}
        </p>
      )}
      <GeometryInput
        mode="polygon"
        modes={['polygon']}
        onMode={() => undefined}
        areaId={null}
        onArea={() => undefined}
        error={errors.geometry}
      />
      <TextInput
        id={`${idp}-name`}
        label={t('kehra.devArea.name')}
        required
        value={name}
        onChange={(e) => setName(e.target.value)}
        {...errorProps(errors.name)}
      />
      <TextArea
        id={`${idp}-description`}
        label={t('kehra.devArea.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        {...errorProps(errors.description)}
      />
      <ThemeCheckboxes
        idPrefix={idp}
        label={t('kehra.devArea.themes')}
        value={chosen}
        onChange={setChosen}
        errorText={errors.themes}
      />
      <NativeSelect
        id={`${idp}-status`}
        label={t('kehra.devArea.status')}
        value={status}
        options={DEV_AREA_STATUSES.map((s) => ({ value: s, label: t(`kehra.status.${s}`) }))}
        onChange={setStatus}
      />
      <FormActions
        submitLabel={editing ? t('kehra.devArea.saveEdit') : t('kehra.devArea.save')}
        pending={save.isPending}
        onCancel={() => onDone(null)}
      />
    </form>
  );
}
