import { TextArea, TextInput } from 'hds-react';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GroupBody, GroupPatchBody, type KehraGroupDetail } from '@contracts/kehra';
import { errorProps } from '@/ui/error-props';
import { useFormErrors } from '@/ui/use-form-errors';
import { DistrictsInput } from './DistrictsInput';
import { SaveError, useFocusOnMount } from '@/ui/Feedback';
import { FormActions } from '@/ui/FormActions';

const NAME_MIN = 3;
const CONTACT_FIELDS = ['contactName', 'contactEmail', 'contactPhone'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

interface GroupDetailsFormProps {
  idPrefix: string;
  heading: string;
  submitLabel: string;
  /** Editing: the group as it is now; creating: nothing. */
  group?: KehraGroupDetail;
  pending: boolean;
  /** The last failed save, its field messages shown beside the fields. */
  error: unknown;
  /** A new group's fields, or an edit's (where null empties a contact detail). */
  onSubmit: (body: GroupBody | GroupPatchBody) => void;
  onCancel: () => void;
}

/** A group's name, description, contact and districts: the one form for creating and editing. */
export function GroupDetailsForm({
  idPrefix,
  heading,
  submitLabel,
  group,
  pending,
  error,
  onSubmit,
  onCancel,
}: GroupDetailsFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [contact, setContact] = useState<Record<ContactField, string>>({
    contactName: group?.contact.name ?? '',
    contactEmail: group?.contact.email ?? '',
    contactPhone: group?.contact.phone ?? '',
  });
  const [areaIds, setAreaIds] = useState<number[]>(group?.districts.map((d) => d.id) ?? []);
  const [targets] = useState(() => ({
    name: `#${idPrefix}-name`,
    description: `#${idPrefix}-description`,
    ...Object.fromEntries(CONTACT_FIELDS.map((f) => [f, `#${idPrefix}-${f}`])),
    areaIds: `[data-testid="${idPrefix}-form"] .idea-place select, [data-testid="${idPrefix}-form"] .idea-place button`,
  }));
  const form = useFormErrors(targets);
  const { fromServer } = form;
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  // A failed save's field messages go on the fields (the save itself is the caller's mutation).
  useEffect(() => {
    if (error) fromServer(error);
  }, [error, fromServer]);
  // A field's own message goes as soon as it is edited; the others stay until the next save.
  const edited = form.clear;
  const fieldError = (f: string) => form.errors[f];

  function submit(e: FormEvent) {
    e.preventDefault();
    const body: GroupBody | GroupPatchBody = { name: name.trim(), description: description.trim(), areaIds };
    // Editing, an emptied contact detail is null: the API removes it. A new group just leaves it out.
    for (const f of CONTACT_FIELDS) if (contact[f].trim() || group) body[f] = contact[f].trim() || null;
    // The route's own schema decides; the form says it in the reader's language where it can.
    const valid = form.check(group ? GroupPatchBody : GroupBody, body, {
      say: {
        name: name.trim().length < NAME_MIN ? t('kehra.groupForm.nameRequired', { min: NAME_MIN }) : undefined,
        contactEmail: t('kehra.groupForm.emailInvalid'),
        contactPhone: t('kehra.groupForm.phoneInvalid'),
      },
    });
    if (valid) onSubmit(body);
  }

  const contactInput = (f: ContactField, type: 'text' | 'email' | 'tel') => (
    <TextInput
      id={`${idPrefix}-${f}`}
      label={t(`kehra.groupForm.${f}`)}
      value={contact[f]}
      onChange={(e) => (setContact((c) => ({ ...c, [f]: e.target.value })), edited(f))}
      type={type}
      autoComplete="off" // someone else's details: the browser's own would be wrong
      {...errorProps(fieldError(f))}
    />
  );

  return (
    <form
      className="idea-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${idPrefix}-heading`}
      data-testid={`${idPrefix}-form`}
    >
      <h3 id={`${idPrefix}-heading`} className="kehra-subheading" ref={headingRef} tabIndex={-1}>
        {heading}
      </h3>
      <SaveError error={error} testId={`${idPrefix}-error`} />
      <TextInput
        id={`${idPrefix}-name`}
        label={t('kehra.groupForm.name')}
        required
        value={name}
        onChange={(e) => (setName(e.target.value), edited('name'))}
        {...errorProps(fieldError('name'))}
      />
      <TextArea
        id={`${idPrefix}-description`}
        label={t('kehra.groupForm.description')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        {...errorProps(fieldError('description'))}
      />
      <fieldset className="idea-contact">
        <legend>{t('kehra.groupForm.contact')}</legend>
        {contactInput('contactName', 'text')}
        {contactInput('contactEmail', 'email')}
        {contactInput('contactPhone', 'tel')}
      </fieldset>
      <DistrictsInput idPrefix={idPrefix} value={areaIds} onChange={setAreaIds} error={fieldError('areaIds')} />
      <FormActions submitLabel={submitLabel} pending={pending} onCancel={onCancel} />
    </form>
  );
}
