import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { GroupPatchBody, KehraGroupDetail } from '@contracts/kehra';
import { sendJson } from '@/api/http';
import { kehraKeys } from '@/layers/kehra/query';
import { StatusMessage, useOpener, useStatusMessage } from '@/ui/Feedback';
import { GroupDetailsForm } from './GroupDetailsForm';
import './group-editing.css';

/** Members and admins open the group's details for editing; a new group arrives here announced. */
export function GroupDetailsEditor({ group, created }: { group: KehraGroupDetail; created: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { open, opener, show, close } = useOpener();
  const status = useStatusMessage();
  const { announce } = status;

  // Once per arrival: later renames must not repeat "created".
  const announcedCreation = useRef(false);
  useEffect(() => {
    if (!created || announcedCreation.current) return;
    announcedCreation.current = true;
    announce(t('kehra.newGroup.created', { name: group.name }));
  }, [created, announce, t, group.name]);

  const save = useMutation({
    mutationFn: (body: GroupPatchBody) => sendJson<KehraGroupDetail>('PATCH', `/api/kehra/groups/${group.id}`, body),
    onSuccess: async () => {
      // The page, lists, "who is active" and the plan's candidates all read the group again.
      await queryClient.invalidateQueries({ queryKey: kehraKeys.all });
      close(true);
      announce(t('kehra.groupEdit.saved'));
    },
  });

  return (
    <div className="kehra-group-editor">
      <StatusMessage status={status} testId="group-status" />
      {open ? (
        <GroupDetailsForm
          idPrefix="kehra-group-edit"
          heading={t('kehra.groupEdit.heading')}
          submitLabel={t('kehra.groupEdit.save')}
          group={group}
          pending={save.isPending}
          error={save.error}
          onSubmit={(body) => save.mutate(body)}
          onCancel={() => (save.reset(), close(false))}
        />
      ) : (
        <Button
          ref={opener}
          type="button"
          size={ButtonSize.Small}
          variant={ButtonVariant.Secondary}
          onClick={() => (announce(null), show())}
        >
          {t('kehra.groupEdit.open')}
        </Button>
      )}
    </div>
  );
}
