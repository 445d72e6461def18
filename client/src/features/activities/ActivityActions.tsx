import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import type { ActivityDetail } from '@contracts/activities';
import { sendJson } from '@/api/http';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { activityTitle } from '@/layers/activities/names';
import { activityKeys } from '@/layers/activities/query';

export const EDIT_BUTTON_ID = 'activity-edit';

/** Edit and remove, for those who may write the activity's department; removing asks once more. */
export function ActivityActions({ activity, onEdit }: { activity: ActivityDetail; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { search } = useLocation();
  const [confirming, setConfirming] = useState(false);
  const removeButton = useRef<HTMLButtonElement>(null);
  const title = activityTitle(activity.properties, i18n.language);
  const remove = useMutation({
    mutationFn: () => sendJson('DELETE', `/api/activities/${activity.id}`),
    onSuccess: async () => {
      // Leave the page first, so its own query is not read again into a 404.
      await navigate({ pathname: '/activities', search }, { state: { activityRemoved: title } });
      await queryClient.invalidateQueries({ queryKey: activityKeys.all });
    },
  });
  return (
    <div className="idea-draw-actions activity-actions">
      <Button id={EDIT_BUTTON_ID} type="button" size={ButtonSize.Small} onClick={onEdit}>
        {t('activities.form.edit')}
      </Button>
      <Button
        ref={removeButton}
        type="button"
        size={ButtonSize.Small}
        variant={ButtonVariant.Danger}
        onClick={() => setConfirming(true)}
      >
        {t('activities.form.remove')}
      </Button>
      <ConfirmDialog
        id="activity-remove"
        open={confirming}
        title={t('activities.form.removeTitle')}
        text={t('activities.form.removeText', { title })}
        confirmLabel={t('activities.form.removeConfirm')}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onCancel={() => (remove.reset(), setConfirming(false))}
        returnFocus={removeButton}
      />
    </div>
  );
}
