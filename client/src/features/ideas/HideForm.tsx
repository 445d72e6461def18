import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { sendJson } from '@/api/http';
import { moderationKeys } from '@/features/moderation';
import { ideaKeys } from '@/layers/ideas/query';
import { ReasonForm } from './ReasonForm';

/** Moderators hide (never delete) an idea or a comment, with a reason the author is told. */
export function HideForm({
  target,
  ideaId,
  onHidden,
}: {
  target: { type: 'idea' | 'comment'; id: number };
  ideaId: number;
  onHidden?: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const isIdea = target.type === 'idea';
  return (
    <ReasonForm
      openLabel={isIdea ? t('ideas.moderation.hideIdea') : t('ideas.moderation.hideComment')}
      reasonLabel={t('ideas.moderation.reason')}
      submitLabel={t('ideas.moderation.hide')}
      danger
      send={async (reason) => {
        await sendJson('POST', `/api/moderation/${isIdea ? 'ideas' : 'comments'}/${target.id}/hide`, { reason });
        await queryClient.invalidateQueries({ queryKey: isIdea ? ideaKeys.detail(ideaId) : ideaKeys.comments(ideaId) });
        await queryClient.invalidateQueries({ queryKey: ['ideas', 'list'] });
        // Hiding closes the content's open reports, wherever the moderator did it.
        await queryClient.invalidateQueries({ queryKey: moderationKeys.reports });
        onHidden?.();
      }}
    />
  );
}
