import { useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, TextInput } from 'hds-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { IdeaDetail } from '@contracts/ideas';
import { ApiError, getJson } from '@/api/http';
import { ideaKeys } from '@/layers/ideas/query';
import { errorMessage } from '@/ui/format';

/** Tracking code → the idea's page. A mistyped code (400) and an unknown one (404) read differently. */
export function TrackingCodeLookup({ id = 'idea-lookup' }: { id?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const typed = code.trim();
    if (!typed) {
      setError(t('ideas.lookup.empty'));
      return;
    }
    setBusy(true);
    try {
      const detail = await getJson<IdeaDetail>(`/api/ideas/by-code/${encodeURIComponent(typed)}`);
      queryClient.setQueryData(ideaKeys.detail(Number(detail.id)), detail);
      setError(null);
      await navigate(`/ideas/${detail.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 400) setError(t('ideas.lookup.invalid', { message: err.message }));
      else if (err instanceof ApiError && err.status === 404) setError(t('ideas.lookup.notFound', { code: typed }));
      else setError(t('ideas.lookup.failed', { message: errorMessage(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="idea-lookup" onSubmit={submit} noValidate role="search" aria-label={t('ideas.lookup.heading')}>
      <TextInput
        id={`${id}-code`}
        label={t('ideas.lookup.label')}
        helperText={t('ideas.lookup.help')}
        value={code}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setCode(e.target.value)}
        invalid={!!error}
        errorText={error ?? undefined}
      />
      <Button type="submit" size={ButtonSize.Small} disabled={busy}>
        {t('ideas.lookup.submit')}
      </Button>
    </form>
  );
}
