import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { TextArea, TextInput } from 'hds-react';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ACTIVITY_DESCRIPTION_MAX,
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  ACTIVITY_TITLE_MAX,
  ActivityBody,
  ActivityPatchBody,
  type ActivityDetail,
  type ActivityKind,
  type ActivityStatus,
} from '@contracts/activities';
import type { GeoJsonGeometry, Position } from '@contracts/common';
import { sendJson } from '@/api/http';
import { errorProps } from '@/ui/error-props';
import { GeometryInput, type PlaceMode } from '@/ui/GeometryInput';
import { errorMessage } from '@/ui/format';
import { FormActions } from '@/ui/FormActions';
import { ThemeCheckboxes } from '@/ui/ThemeCheckboxes';
import { localName } from '@/layers/activities/names';
import { activityKeys, departmentsQuery } from '@/layers/activities/query';
import { draftGeometry, draftStore, editableRing, useDraft, type DraftMode } from '@/map/draw/draft';
import { FormErrorSummary } from '@/ui/FormErrorSummary';
import { ChoiceSelect } from '@/ui/ChoiceSelect';
import { DateField } from '@/ui/DateField';
import { useFormErrors } from '@/ui/use-form-errors';
import { useActivityAuthority } from './activity-editing';

const ID = 'activity-form';
const DRAWN_MODES: PlaceMode[] = ['point', 'line', 'polygon'];
const TEXTS = ['titleFi', 'titleSv', 'titleEn', 'descriptionFi', 'descriptionSv', 'descriptionEn', 'contact', 'url'] as const;
type TextField = (typeof TEXTS)[number];
/** The form's fields in the order shown, and what takes the focus when each is wrong. */
const TARGETS = {
  department: `#${ID}-department`,
  kind: `#${ID}-kind`,
  status: `#${ID}-status`,
  ...Object.fromEntries(TEXTS.slice(0, 6).map((f) => [f, `#${ID}-${f}`])),
  startsAt: `#${ID}-startsAt`,
  endsAt: `#${ID}-endsAt`,
  themes: `[id^="${ID}-theme-"]`,
  contact: `#${ID}-contact`,
  url: `#${ID}-url`,
  geometry: '.activity-form .idea-place input, .activity-form .idea-place button',
  form: `#${ID}-summary`,
};

/** Where the drawing starts when editing: the shape's corners, or (several parts, holes) the shape shown until redrawn. */
function draftOf(g: GeoJsonGeometry): { mode: DraftMode; vertices: Position[]; base: GeoJsonGeometry | null } {
  if (g.type === 'Point') return { mode: 'point', vertices: [g.coordinates as Position], base: null };
  if (g.type === 'LineString') return { mode: 'line', vertices: g.coordinates as Position[], base: null };
  const ring = editableRing(g);
  if (ring) return { mode: 'polygon', vertices: ring, base: null };
  return { mode: g.type === 'MultiPoint' ? 'point' : g.type === 'MultiLineString' ? 'line' : 'polygon', vertices: [], base: g };
}

/** The date part of a stored time, as a date input holds it. */
const dateOf = (iso: string | null) => iso?.slice(0, 10) ?? '';
const sameSet = (a: string[], b: string[]) => [...a].sort().join() === [...b].sort().join();

interface ActivityFormProps {
  /** Editing: the activity as it is now; without it the form creates a new one. */
  activity?: ActivityDetail;
  onSaved: (saved: ActivityDetail) => void;
  onCancel: () => void;
}

/**
 * An activity's details: creating (POST) or editing (PATCH with only what changed). The place is
 * drawn with the ideas' drawing tool (a point can also be typed); the server's 400 names the field.
 */
export function ActivityForm({ activity, onSaved, onCancel }: ActivityFormProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const authority = useActivityAuthority();
  const departments = useQuery(departmentsQuery());
  const draft = useDraft();
  const p = activity?.properties;
  const [initial] = useState(() => (activity ? draftOf(activity.geometry) : null));
  const [mode, setMode] = useState<PlaceMode>(initial?.mode ?? 'point');
  const [department, setDepartment] = useState(p?.department ?? authority.departments?.[0] ?? '');
  const [kind, setKind] = useState<ActivityKind>(p?.kind ?? 'project');
  const [status, setStatus] = useState<ActivityStatus>(p?.status ?? 'planned');
  const [texts, setTexts] = useState<Record<TextField, string>>(
    () => Object.fromEntries(TEXTS.map((f) => [f, p?.[f] ?? ''])) as Record<TextField, string>,
  );
  const [startsAt, setStartsAt] = useState(dateOf(p?.startsAt ?? null));
  const [endsAt, setEndsAt] = useState(dateOf(p?.endsAt ?? null));
  const [themes, setThemes] = useState<string[]>(p?.themes ?? []);
  const form = useFormErrors(TARGETS);
  const { errors, clear } = form;
  const heading = useRef<HTMLHeadingElement>(null);

  // Map clicks draw only while the form is open; editing starts from the current shape.
  useEffect(() => {
    if (initial) draftStore.load(initial.mode, initial.vertices, initial.base);
    else draftStore.setMode('point');
    heading.current?.focus();
    return () => draftStore.reset();
  }, [initial]);

  const allowed = authority.departments;
  const choices = useMemo(
    () => (departments.data ?? []).filter((d) => allowed === null || allowed.includes(d.slug) || d.slug === p?.department),
    [departments.data, allowed, p?.department],
  );
  // The first department the account may write for, once the list has loaded.
  useEffect(() => {
    if (!department && choices.length) setDepartment(choices[0].slug);
  }, [department, choices]);

  // A place marked after a refusal answers "the place is missing": the message goes with it.
  const vertexCount = draft.vertices.length;
  useEffect(() => {
    if (vertexCount > 0) clear('geometry');
  }, [vertexCount, clear]);

  function changeMode(next: PlaceMode) {
    setMode(next);
    if (initial && next === initial.mode) draftStore.load(initial.mode, initial.vertices, initial.base);
    else draftStore.setMode(next as DraftMode);
  }

  const drawn = draftGeometry({ mode: mode as DraftMode, vertices: draft.vertices });
  const placeUnchanged =
    !!initial &&
    mode === initial.mode &&
    (draft.vertices.length === 0 ? !!initial.base : JSON.stringify(draft.vertices) === JSON.stringify(initial.vertices));

  /** Every field for a new activity; only what differs for an edit (an emptied field as null). */
  function body(): ActivityBody | ActivityPatchBody {
    const values = {
      department,
      kind,
      status,
      ...(Object.fromEntries(TEXTS.map((f) => [f, texts[f].trim() || null])) as Record<TextField, string | null>),
      startsAt: startsAt || null,
      endsAt: endsAt || null,
      themes,
    };
    if (!p) {
      const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null));
      return { ...given, geometry: drawn } as unknown as ActivityBody;
    }
    const patch: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(values)) {
      const before = k === 'startsAt' || k === 'endsAt' ? dateOf(p[k]) || null : p[k as keyof typeof p];
      const same = k === 'themes' ? sameSet(v as string[], p.themes) : (v ?? null) === (before ?? null);
      if (!same) patch[k] = v;
    }
    if (!placeUnchanged) patch.geometry = drawn;
    return patch as ActivityPatchBody;
  }

  const save = useMutation({
    mutationFn: (changes: ActivityBody | ActivityPatchBody) =>
      activity
        ? sendJson<ActivityDetail>('PATCH', `/api/activities/${activity.id}`, changes)
        : sendJson<ActivityDetail>('POST', '/api/activities', changes),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
      onSaved(saved);
    },
    // The server's 400 names the field; its message says exactly what was wrong.
    onError: (err) => form.fromServer(err, errorMessage(err)),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    const changes = body();
    if (activity && Object.keys(changes).length === 0) return form.show({ form: t('activities.form.noChanges') });
    const badOrder = !!startsAt && !!endsAt && endsAt < startsAt;
    // The route's own schema decides (POST or PATCH); the form says it in the reader's language where it can.
    const valid = form.check(activity ? ActivityPatchBody : ActivityBody, changes, {
      say: {
        titleFi: texts.titleFi.trim() ? undefined : t('activities.form.errors.titleFi'),
        department: department ? undefined : t('activities.form.errors.department'),
        geometry: t(`ideas.form.errors.geometry.${mode}`),
        endsAt: badOrder ? t('activities.form.errors.endsAt') : undefined,
        url: t('activities.form.errors.url'),
      },
      // The date order is a rule of the whole body, which zod checks only once the fields pass.
      extra: badOrder ? { endsAt: t('activities.form.errors.endsAt') } : {},
      summary: t('activities.form.errors.fix'),
    });
    if (valid) save.mutate(changes);
  }

  const textInput = (field: TextField, opts: { required?: boolean; type?: string; max?: number } = {}) => (
    <TextInput
      id={`${ID}-${field}`}
      label={t(`activities.form.${field}`)}
      required={opts.required}
      type={opts.type}
      maxLength={opts.max ?? ACTIVITY_TITLE_MAX}
      value={texts[field]}
      onChange={(e) => setTexts((x) => ({ ...x, [field]: e.target.value }))}
      {...errorProps(errors[field])}
    />
  );
  const textArea = (field: TextField) => (
    <TextArea
      id={`${ID}-${field}`}
      label={t(`activities.form.${field}`)}
      maxLength={ACTIVITY_DESCRIPTION_MAX}
      value={texts[field]}
      onChange={(e) => setTexts((x) => ({ ...x, [field]: e.target.value }))}
      {...errorProps(errors[field])}
    />
  );

  return (
    <form
      className="idea-form activity-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${ID}-heading`}
      data-testid="activity-form"
    >
      <h2 id={`${ID}-heading`} className="panel-heading" ref={heading} tabIndex={-1}>
        {p ? t('activities.form.editHeading', { title: p.titleFi }) : t('activities.form.newHeading')}
      </h2>
      <FormErrorSummary
        id={`${ID}-summary`}
        label={t('activities.form.failed')}
        message={errors.form}
        testId="activity-form-error"
      />
      <ChoiceSelect
        id={`${ID}-department`}
        label={t('activities.form.department')}
        value={department}
        options={choices.map((d) => ({ value: d.slug, label: localName(d, i18n.language) }))}
        onChange={setDepartment}
        error={errors.department}
      />
      <ChoiceSelect
        id={`${ID}-kind`}
        label={t('activities.form.kind')}
        value={kind}
        options={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kind.${k}`) }))}
        onChange={setKind}
        error={errors.kind}
      />
      <ChoiceSelect
        id={`${ID}-status`}
        label={t('activities.form.status')}
        value={status}
        options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: t(`activities.status.${s}`) }))}
        onChange={setStatus}
        error={errors.status}
      />
      {textInput('titleFi', { required: true })}
      {textInput('titleSv')}
      {textInput('titleEn')}
      {textArea('descriptionFi')}
      {textArea('descriptionSv')}
      {textArea('descriptionEn')}
      <DateField
        id={`${ID}-startsAt`}
        label={t('activities.form.startsAt')}
        value={startsAt}
        onChange={setStartsAt}
        error={errors.startsAt}
      />
      <DateField
        id={`${ID}-endsAt`}
        label={t('activities.form.endsAt')}
        value={endsAt}
        onChange={setEndsAt}
        error={errors.endsAt}
      />
      <ThemeCheckboxes
        idPrefix={ID}
        label={t('activities.form.themes')}
        value={themes}
        onChange={setThemes}
        errorText={errors.themes}
      />
      {textInput('contact', { max: 500 })}
      {textInput('url', { type: 'url', max: 2000 })}
      {p && <p className="panel-help">{t('activities.form.placeHelp')}</p>}
      <GeometryInput
        mode={mode}
        onMode={changeMode}
        areaId={null}
        onArea={() => undefined}
        modes={DRAWN_MODES}
        error={errors.geometry}
      />
      <FormActions
        submitLabel={p ? t('activities.form.saveEdit') : t('activities.form.create')}
        pending={save.isPending}
        onCancel={onCancel}
      />
    </form>
  );
}
