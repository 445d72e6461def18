import { TextArea, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupBody, GroupPatchBody, KehraGroupDetail } from '@contracts/kehra';
import { errorProps } from '@/features/account';
import { fieldErrors } from '@/features/ideas';
import { DistrictsInput } from './DistrictsInput';
import { SaveError, useFocusOnMount } from './Feedback';
import { FormActions } from './FormActions';

// The same shapes the server checks (contracts/kehra.ts): a quick answer before the round trip.
const NAME_MIN = 3;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{5,30}$/;
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
export function GroupDetailsForm({ idPrefix, heading, submitLabel, group, pending, error, onSubmit, onCancel }: GroupDetailsFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(group?.name ?? '');
  const [description, setDescription] = useState(group?.description ?? '');
  const [contact, setContact] = useState<Record<ContactField, string>>({
    contactName: group?.contact.name ?? '',
    contactEmail: group?.contact.email ?? '',
    contactPhone: group?.contact.phone ?? '',
  });
  const [areaIds, setAreaIds] = useState<number[]>(group?.districts.map((d) => d.id) ?? []);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const server = fieldErrors(error);
  // A field's own message goes as soon as it is edited; the others stay until the next save.
  const edited = (f: string) => setErrors(({ [f]: _gone, ...rest }) => rest);
  const fieldError = (f: string) => errors[f] ?? server[f];

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    if (name.trim().length < NAME_MIN) next.name = t('kehra.groupForm.nameRequired', { min: NAME_MIN });
    const email = contact.contactEmail.trim();
    if (email && !EMAIL.test(email)) next.contactEmail = t('kehra.groupForm.emailInvalid');
    const phone = contact.contactPhone.trim();
    if (phone && !PHONE.test(phone)) next.contactPhone = t('kehra.groupForm.phoneInvalid');
    setErrors(next);
    const first = Object.keys(next)[0];
    if (first) {
      document.getElementById(`${idPrefix}-${first}`)?.focus();
      return;
    }
    const body: GroupBody | GroupPatchBody = { name: name.trim(), description: description.trim(), areaIds };
    // Editing, an emptied contact detail is null: the API removes it. A new group just leaves it out.
    for (const f of CONTACT_FIELDS) if (contact[f].trim() || group) body[f] = contact[f].trim() || null;
    onSubmit(body);
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
    <form className="idea-form" onSubmit={submit} noValidate aria-labelledby={`${idPrefix}-heading`} data-testid={`${idPrefix}-form`}>
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
