import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, TextArea } from 'hds-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sendJson } from '@/api/http';
import { ideaKeys } from '@/layers/ideas/query';
import { errorMessage } from './format';

/** Moderators hide (never delete) an idea or a comment, with a reason the author is told. */
export function HideForm({ target, ideaId }: { target: { type: 'idea' | 'comment'; id: number }; ideaId: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const hide = useMutation({
    mutationFn: () =>
      sendJson('POST', `/api/moderation/${target.type === 'idea' ? 'ideas' : 'comments'}/${target.id}/hide`, { reason: reason.trim() }),
    onSuccess: async () => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: target.type === 'idea' ? ideaKeys.detail(ideaId) : ideaKeys.comments(ideaId) });
      await queryClient.invalidateQueries({ queryKey: ['ideas', 'list'] });
    },
  });
  if (!open) {
    return (
      <button type="button" className="link-button" onClick={() => setOpen(true)}>
        {target.type === 'idea' ? t('ideas.moderation.hideIdea') : t('ideas.moderation.hideComment')}
      </button>
    );
  }
  return (
    <form
      className="idea-report"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) hide.mutate();
      }}
    >
      <TextArea id={`hide-${id}`} label={t('ideas.moderation.reason')} required value={reason} onChange={(e) => setReason(e.target.value)} />
      {hide.error && (
        <p className="form-error" role="alert">
          {errorMessage(hide.error)}
        </p>
      )}
      <div className="idea-draw-actions">
        <Button type="submit" size={ButtonSize.Small} variant={ButtonVariant.Danger} disabled={hide.isPending || !reason.trim()}>
          {t('ideas.moderation.hide')}
        </Button>
        <Button type="button" size={ButtonSize.Small} variant={ButtonVariant.Secondary} onClick={() => setOpen(false)}>
          {t('ideas.cancel')}
        </Button>
      </div>
    </form>
  );
}
