import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant } from 'hds-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KehraDevAreaFeature, KehraDevAreaProperties, KehraDevAreaVersion } from '@contracts/kehra';
import { sendJson } from '@/api/http';
import { errorMessage } from '@/ui/format';
import { formatDateTime } from '@/ui/helsinki-time';
import { devAreaVersionsQuery, kehraKeys } from '@/layers/kehra/query';
import { DevAreaEditForm } from './DevAreaForm';
import { StatusBadge } from './StatusBadge';

const FIELDS = ['name', 'description', 'themes', 'status', 'geometry'] as const;
type Field = (typeof FIELDS)[number];

/** What a version changed compared with the one before it. */
export function changedFields(v: KehraDevAreaVersion, previous: KehraDevAreaVersion | undefined): Field[] {
  if (!previous) return [];
  return FIELDS.filter((f) => JSON.stringify(v[f]) !== JSON.stringify(previous[f]));
}

interface Props {
  area: KehraDevAreaProperties;
  canEdit: boolean;
  /** Only one area is edited at a time: the map's drawing belongs to one form. */
  editing: boolean;
  onEdit: (editing: boolean) => void;
}

/** One development area on the group page: its details, editing for members, and its version history. */
export function DevAreaItem({ area, canEdit, editing, onEdit }: Props) {
  const { t } = useTranslation();
  const [historyOpen, setHistoryOpen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const [focusMessage, setFocusMessage] = useState(0);
  const [focusEdit, setFocusEdit] = useState(0);

  useEffect(() => {
    if (focusMessage) messageRef.current?.focus();
  }, [focusMessage]);
  useEffect(() => {
    if (focusEdit) editButton.current?.focus();
  }, [focusEdit]);

  const announce = (text: string) => {
    setMessage(text);
    setFocusMessage((n) => n + 1);
  };

  return (
    <li data-testid={`dev-area-${area.id}`}>
      <strong>{area.name}</strong> <StatusBadge status={area.status} />
      <span className="kehra-meta"> {t('kehra.versions.current', { version: area.version })}</span>
      {area.description && <div className="kehra-meta">{area.description}</div>}
      {message && (
        <p role="status" tabIndex={-1} ref={messageRef} data-testid="devarea-message">
          {message}
        </p>
      )}
      <div className="idea-draw-actions">
        {canEdit && !editing && (
          <Button
            ref={editButton}
            type="button"
            size={ButtonSize.Small}
            variant={ButtonVariant.Secondary}
            aria-label={t('kehra.devArea.editLabel', { name: area.name })}
            onClick={() => (setMessage(null), onEdit(true))}
          >
            {t('kehra.devArea.edit')}
          </Button>
        )}
        <Button
          type="button"
          size={ButtonSize.Small}
          variant={ButtonVariant.Secondary}
          aria-expanded={historyOpen}
          aria-controls={`devarea-history-${area.id}`}
          aria-label={t('kehra.versions.showLabel', { name: area.name })}
          onClick={() => setHistoryOpen((o) => !o)}
        >
          {t('kehra.versions.show')}
        </Button>
      </div>
      {editing && (
        <DevAreaEditForm
          area={area}
          onDone={(saved) => {
            onEdit(false);
            if (saved) announce(t('kehra.devArea.updated'));
            else setFocusEdit((n) => n + 1);
          }}
        />
      )}
      {historyOpen && <DevAreaHistory area={area} canEdit={canEdit} onRestored={announce} />}
    </li>
  );
}

function DevAreaHistory({
  area,
  canEdit,
  onRestored,
}: {
  area: KehraDevAreaProperties;
  canEdit: boolean;
  onRestored: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const versions = useQuery(devAreaVersionsQuery(area.id));
  const restore = useMutation({
    mutationFn: (version: number) => sendJson<KehraDevAreaFeature>('POST', `/api/kehra/areas/${area.id}/restore`, { version }),
    onSuccess: async (feature, version) => {
      await queryClient.invalidateQueries({ queryKey: kehraKeys.all });
      onRestored(t('kehra.versions.restored', { version, current: feature.properties.version }));
    },
  });
  const list = versions.data;
  return (
    <div id={`devarea-history-${area.id}`} className="kehra-history">
      <h3 className="kehra-subheading">{t('kehra.versions.heading', { name: area.name })}</h3>
      {versions.isPending && <p className="panel-help">{t('kehra.loading')}</p>}
      {versions.error && <p className="form-error">{errorMessage(versions.error)}</p>}
      {restore.error && (
        <p className="form-error" role="alert">
          {errorMessage(restore.error)}
        </p>
      )}
      {list && (
        <ol
          className="kehra-list"
          reversed
          aria-label={t('kehra.versions.list', { name: area.name })}
          data-testid="devarea-versions"
        >
          {list.map((v, i) => {
            const changed = changedFields(v, list[i + 1]);
            const isCurrent = i === 0;
            return (
              <li key={v.version} data-version={v.version}>
                <strong>{t('kehra.versions.version', { version: v.version })}</strong>
                {isCurrent && ` (${t('kehra.versions.isCurrent')})`}: {v.name}
                <div className="kehra-meta">
                  {t('kehra.versions.by', {
                    who: v.editedBy ?? t('kehra.versions.unknown'),
                    when: formatDateTime(v.editedAt, i18n.language),
                  })}
                </div>
                <div className="kehra-meta">
                  {v.action === 'restore' && v.restoredFrom != null
                    ? t('kehra.versions.restoredFrom', { version: v.restoredFrom })
                    : t(`kehra.versions.action.${v.action}`)}
                  {changed.length > 0 &&
                    ` · ${t('kehra.versions.changed', { fields: changed.map((f) => t(`kehra.versions.field.${f}`)).join(', ') })}`}
                </div>
                {canEdit && !isCurrent && (
                  <Button
                    type="button"
                    size={ButtonSize.Small}
                    variant={ButtonVariant.Secondary}
                    disabled={restore.isPending}
                    onClick={() => restore.mutate(v.version)}
                  >
                    {t('kehra.versions.restore', { version: v.version })}
                  </Button>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
