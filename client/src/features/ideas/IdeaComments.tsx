import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, TextArea } from 'hds-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { COMMENT_EDIT_WINDOW_MINUTES, type IdeaComment } from '@contracts/ideas';
import { sendJson } from '@/api/http';
import { useAccount } from '@/features/account';
import { ideaCommentsQuery, ideaKeys } from '@/layers/ideas/query';
import { errorMessage } from '@/ui/format';
import { formatDateTime } from '@/ui/helsinki-time';
import { HideForm } from './HideForm';
import { ReportForm } from './ReportForm';

/** Comments with one level of replies; authors may edit their own for a short while. */
export function IdeaComments({ ideaId }: { ideaId: number }) {
  const { t } = useTranslation();
  const comments = useQuery(ideaCommentsQuery(ideaId));
  const { user } = useAccount();
  return (
    <section className="idea-section" aria-labelledby="idea-comments-heading">
      <h3 id="idea-comments-heading">{t('ideas.comments.heading', { count: countAll(comments.data ?? []) })}</h3>
      {comments.error && <p className="form-error">{errorMessage(comments.error)}</p>}
      {comments.data?.length === 0 && <p className="panel-help">{t('ideas.comments.none')}</p>}
      {!!comments.data?.length && (
        <ul className="idea-comments">
          {comments.data.map((c) => (
            <CommentItem key={c.id} comment={c} ideaId={ideaId} />
          ))}
        </ul>
      )}
      {user ? (
        <CommentForm ideaId={ideaId} />
      ) : (
        <p>
          <Link to="/signin">{t('ideas.comments.signIn')}</Link>
        </p>
      )}
    </section>
  );
}

const countAll = (list: IdeaComment[]): number => list.reduce((n, c) => n + 1 + c.replies.length, 0);

function CommentItem({ comment, ideaId, reply = false }: { comment: IdeaComment; ideaId: number; reply?: boolean }) {
  const { t, i18n } = useTranslation();
  const { user, hasRole } = useAccount();
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState(false);
  // The server decides; this only avoids offering what it would refuse.
  const own = !!user && comment.author === (user.displayName ?? '');
  const editable = own && Date.now() - new Date(comment.createdAt).getTime() < COMMENT_EDIT_WINDOW_MINUTES * 60_000;
  const moderator = hasRole('moderator') || hasRole('admin');

  return (
    <li className={reply ? 'idea-comment idea-comment--reply' : 'idea-comment'}>
      <p className="idea-comment-meta">
        <strong>{comment.author}</strong>{' '}
        <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt, i18n.language)}</time>
        {comment.editedAt && <span> · {t('ideas.comments.edited')}</span>}
      </p>
      {comment.hidden ? (
        <p className="idea-hidden-note">{t('ideas.comments.hidden', { reason: comment.hidden.reason })}</p>
      ) : editing ? (
        <CommentForm ideaId={ideaId} editing={comment} onDone={() => setEditing(false)} />
      ) : (
        <p className="idea-comment-body">{comment.body}</p>
      )}
      <div className="idea-comment-actions">
        {user && !reply && !comment.hidden && (
          <button type="button" className="link-button" onClick={() => setReplying((r) => !r)} aria-expanded={replying}>
            {t('ideas.comments.reply')}
          </button>
        )}
        {editable && !editing && !comment.hidden && (
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            {t('ideas.comments.edit')}
          </button>
        )}
        {!comment.hidden && <ReportForm targetType="comment" targetId={comment.id} />}
        {moderator && !comment.hidden && <HideForm target={{ type: 'comment', id: comment.id }} ideaId={ideaId} />}
      </div>
      {replying && <CommentForm ideaId={ideaId} parentId={comment.id} onDone={() => setReplying(false)} />}
      {comment.replies.length > 0 && (
        <ul className="idea-comments idea-comments--replies">
          {comment.replies.map((r) => (
            <CommentItem key={r.id} comment={r} ideaId={ideaId} reply />
          ))}
        </ul>
      )}
    </li>
  );
}

function CommentForm({
  ideaId,
  parentId,
  editing,
  onDone,
}: {
  ideaId: number;
  parentId?: number;
  editing?: IdeaComment;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const id = useId();
  const [body, setBody] = useState(editing?.body ?? '');
  const save = useMutation({
    mutationFn: () =>
      editing
        ? sendJson('PATCH', `/api/comments/${editing.id}`, { body: body.trim() })
        : sendJson('POST', `/api/ideas/${ideaId}/comments`, { body: body.trim(), ...(parentId ? { parentId } : {}) }),
    onSuccess: async () => {
      setBody('');
      await queryClient.invalidateQueries({ queryKey: ideaKeys.comments(ideaId) });
      onDone?.();
    },
  });
  const label = editing ? t('ideas.comments.editLabel') : parentId ? t('ideas.comments.replyLabel') : t('ideas.comments.label');
  return (
    <form
      className="idea-comment-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (body.trim()) save.mutate();
      }}
    >
      <TextArea id={`comment-${id}`} label={label} value={body} onChange={(e) => setBody(e.target.value)} />
      {save.error && (
        <p className="form-error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
      <div className="idea-draw-actions">
        <Button type="submit" size={ButtonSize.Small} disabled={save.isPending || !body.trim()}>
          {editing ? t('ideas.comments.save') : t('ideas.comments.send')}
        </Button>
        {onDone && (
          <Button type="button" size={ButtonSize.Small} variant={ButtonVariant.Secondary} onClick={onDone}>
            {t('ideas.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
