import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useTranslation } from 'react-i18next';

/** Save and cancel at the foot of an editing form; `small` inside list rows. */
export function FormActions({
  submitLabel,
  pending,
  onCancel,
  small,
}: {
  submitLabel: string;
  pending: boolean;
  onCancel: () => void;
  small?: boolean;
}) {
  const { t } = useTranslation();
  const size = small ? ButtonSize.Small : ButtonSize.Medium;
  return (
    <div className="idea-draw-actions">
      <Button type="submit" size={size} disabled={pending}>
        {submitLabel}
      </Button>
      <Button type="button" size={size} variant={ButtonVariant.Secondary} onClick={onCancel}>
        {t('kehra.cancel')}
      </Button>
    </div>
  );
}
