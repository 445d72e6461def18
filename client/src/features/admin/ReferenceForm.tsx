import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, Notification, TextInput } from 'hds-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepartmentBody, DepartmentPatchBody, ThemeBody, ThemePatchBody } from '@contracts/reference-data';
import { ApiError } from '@/api/http';
import { describeError } from '@/features/account';
import { errorProps } from '@/ui/error-props';
import { serverFieldErrors } from '@/ui/form-errors';
import { referenceApi, type ReferenceKind } from './admin-queries';
import {
  initialValues,
  referenceBody,
  referenceDataChanged,
  referenceProblems,
  type Reference,
  type ReferenceField,
  type ReferenceValues,
} from './reference-form';

interface Props {
  kind: ReferenceKind;
  /** Editing: the row as it is now; adding: nothing. */
  item?: Reference;
  /** Called with the saved row's Finnish name. */
  onSaved: (name: string) => void;
  onCancel: () => void;
}

const NAME_FIELDS = ['nameFi', 'nameSv', 'nameEn'] as const;

/** Adds or edits one department or theme: names in three languages, colour, order. */
export function ReferenceForm({ kind, item, onSaved, onCancel }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const creating = !item;
  const prefix = `reference-${kind}-${item?.slug ?? 'new'}`;
  const [values, setValues] = useState<ReferenceValues>(() => initialValues(item));
  const [problems, setProblems] = useState<Partial<Record<ReferenceField, string>>>({});
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const save = useMutation({
    mutationFn: (body: DepartmentBody | ThemeBody | DepartmentPatchBody | ThemePatchBody) =>
      item ? referenceApi.update(kind, item.slug, body) : referenceApi.create(kind, body as DepartmentBody | ThemeBody),
    onSuccess: async (saved) => {
      await referenceDataChanged(queryClient);
      onSaved(saved.nameFi);
    },
  });
  const server = serverFieldErrors(save.error);
  // A taken slug (409) belongs at its field, in the reader's language.
  if (save.error instanceof ApiError && save.error.code === 'already_exists')
    server.slug = t('admin.referenceData.errors.slugTaken', { slug: (save.variables as { slug?: string }).slug });
  const fieldError = (f: ReferenceField) => (problems[f] ? t(`admin.referenceData.errors.${problems[f]}`) : server[f]);
  // A server error that belongs to no field of the form (e.g. a lost session) is shown above it.
  const generalError = save.error && !Object.keys(server).some((f) => f in values) ? describeError(save.error, t) : null;

  const set = (f: ReferenceField, value: string) => {
    setValues((v) => ({ ...v, [f]: value }));
    setProblems(({ [f]: _gone, ...rest }) => rest);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = referenceProblems(kind, values, creating);
    setProblems(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${prefix}-${first}`)?.focus();
      return;
    }
    save.mutate(referenceBody(kind, values, creating));
  };

  const headingText = creating
    ? t(`admin.referenceData.add.${kind}`)
    : t('admin.referenceData.editHeading', { name: item.nameFi });
  return (
    <form
      className="reference-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${prefix}-heading`}
      data-testid={`${prefix}-form`}
    >
      <h5 id={`${prefix}-heading`} ref={heading} tabIndex={-1} className="reference-form-heading">
        {headingText}
      </h5>
      {generalError && (
        <Notification type="error" label={t('admin.referenceData.failed')} data-testid={`${prefix}-error`}>
          {generalError}
        </Notification>
      )}
      {creating && (
        <TextInput
          id={`${prefix}-slug`}
          label={t('admin.referenceData.fields.slug')}
          helperText={t('admin.referenceData.fields.slugHelp')}
          required
          value={values.slug}
          onChange={(e) => set('slug', e.target.value)}
          autoComplete="off"
          {...errorProps(fieldError('slug'))}
        />
      )}
      {NAME_FIELDS.map((f) => (
        <TextInput
          key={f}
          id={`${prefix}-${f}`}
          label={t(`admin.referenceData.fields.${f}`)}
          required={f === 'nameFi'}
          value={values[f]}
          onChange={(e) => set(f, e.target.value)}
          autoComplete="off"
          {...errorProps(fieldError(f))}
        />
      ))}
      {kind === 'department' && (
        <div className="reference-color">
          <label className="reference-color-picker" htmlFor={`${prefix}-color-picker`}>
            <span>{t('admin.referenceData.fields.colorPicker')}</span>
            <input
              id={`${prefix}-color-picker`}
              type="color"
              // The picker only holds valid colours; while the hex text is incomplete it keeps the last one.
              value={/^#[0-9A-Fa-f]{6}$/.test(values.color) ? values.color.toLowerCase() : '#000000'}
              onChange={(e) => set('color', e.target.value.toUpperCase())}
            />
          </label>
          <TextInput
            id={`${prefix}-color`}
            label={t('admin.referenceData.fields.color')}
            helperText={t('admin.referenceData.fields.colorHelp')}
            required
            value={values.color}
            onChange={(e) => set('color', e.target.value)}
            autoComplete="off"
            {...errorProps(fieldError('color'))}
          />
        </div>
      )}
      <TextInput
        id={`${prefix}-sortOrder`}
        label={t('admin.referenceData.fields.sortOrder')}
        helperText={t('admin.referenceData.fields.sortOrderHelp')}
        inputMode="numeric"
        value={values.sortOrder}
        onChange={(e) => set('sortOrder', e.target.value)}
        autoComplete="off"
        {...errorProps(fieldError('sortOrder'))}
      />
      <div className="account-actions">
        <Button type="submit" size={ButtonSize.Small} disabled={save.isPending}>
          {creating ? t('admin.referenceData.create') : t('admin.referenceData.save')}
        </Button>
        <Button type="button" size={ButtonSize.Small} variant={ButtonVariant.Secondary} onClick={onCancel}>
          {t('admin.referenceData.cancel')}
        </Button>
      </div>
    </form>
  );
}
