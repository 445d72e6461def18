import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, ButtonSize, ButtonVariant, LoadingSpinner, Notification } from 'hds-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DepartmentUses, ThemeUses } from '@contracts/reference-data';
import { ApiError } from '@/api/http';
import { describeError } from '@/features/account';
import { StatusLine, useStatusMessage } from '@/ui/Feedback';
import { referenceApi, referenceDataQuery, type ReferenceKind } from './admin-queries';
import { ReferenceForm } from './ReferenceForm';
import { referenceDataChanged, usesOf, type Reference } from './reference-form';
import './reference-data.css';

/** Which form is open: a row's (by slug), the new row's (slug null), or none. */
type Editing = { slug: string | null } | null;

/** "3 toimintoa, 1 idea" from a row's (or a 409's) counts of what uses it. */
function useUsesText() {
  const { t } = useTranslation();
  return (uses: Partial<DepartmentUses & ThemeUses>) =>
    Object.entries(uses)
      .filter(([, n]) => (n ?? 0) > 0)
      .map(([k, n]) => t(`admin.referenceData.uses.${k}`, { count: n }))
      .join(', ');
}

/** /admin — departments and themes, which are data: admins add, rename, recolour and delete unused ones. */
export function ReferenceData() {
  const { t } = useTranslation();
  const data = useQuery(referenceDataQuery());
  const status = useStatusMessage();

  return (
    <section className="panel" aria-labelledby="reference-heading" data-testid="admin-reference-data">
      <h3 id="reference-heading" className="account-subheading">
        {t('admin.referenceData.heading')}
      </h3>
      <p className="panel-help">{t('admin.referenceData.help')}</p>
      <StatusLine text={status.text} ref={status.ref} testId="reference-status" />
      {data.error ? (
        <Notification type="error" label={t('admin.loadError')}>
          {describeError(data.error, t)}
        </Notification>
      ) : !data.data ? (
        <LoadingSpinner small loadingText={t('admin.loading')} />
      ) : (
        <div className="reference-lists">
          <ReferenceList kind="department" items={data.data.departments} announce={status.announce} />
          <ReferenceList kind="theme" items={data.data.themes} announce={status.announce} />
        </div>
      )}
    </section>
  );
}

function ReferenceList({ kind, items, announce }: { kind: ReferenceKind; items: Reference[]; announce: (text: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const usesText = useUsesText();
  const [editing, setEditing] = useState<Editing>(null);
  const remove = useMutation({
    mutationFn: (item: Reference) => referenceApi.remove(kind, item.slug),
    onSuccess: async (_none, item) => {
      await referenceDataChanged(queryClient);
      announce(t(`admin.referenceData.deleted.${kind}`, { name: item.nameFi }));
    },
  });
  const saved = (name: string) => {
    setEditing(null);
    announce(t(`admin.referenceData.saved.${kind}`, { name }));
  };
  const removeError =
    remove.error instanceof ApiError && remove.error.code === 'in_use'
      ? t('admin.referenceData.inUse', {
          name: remove.variables?.nameFi,
          uses: usesText((remove.error.details as { uses?: DepartmentUses | ThemeUses })?.uses ?? {}),
        })
      : remove.error && describeError(remove.error, t);
  const isEditing = (slug: string | null) => editing !== null && editing.slug === slug;

  return (
    <div className="reference-list" data-testid={`reference-${kind}s`}>
      <h4 className="reference-list-heading">{t(`admin.referenceData.${kind}s`)}</h4>
      {removeError && (
        <Notification type="error" label={t('admin.referenceData.deleteFailed')} data-testid={`reference-${kind}-delete-error`}>
          {removeError}
        </Notification>
      )}
      <ul className="reference-items">
        {items.map((item) => {
          const uses = usesOf(item);
          return (
            <li key={item.slug} className="reference-item" data-slug={item.slug}>
              <div className="reference-item-row">
                {'color' in item && <span aria-hidden="true" className="reference-swatch" style={{ background: item.color }} />}
                <span className="reference-item-names">
                  <span className="reference-item-name">{item.nameFi}</span>
                  <span className="admin-muted">
                    {[item.nameSv, item.nameEn].filter(Boolean).join(' · ')} ({item.slug}
                    {'color' in item ? `, ${item.color}` : ''}, {t('admin.referenceData.order', { order: item.sortOrder })})
                  </span>
                  <span className="admin-muted">
                    {uses.length
                      ? t('admin.referenceData.usedBy', { uses: usesText(item.uses) })
                      : t('admin.referenceData.unused')}
                  </span>
                </span>
                <span className="reference-item-actions">
                  <Button
                    size={ButtonSize.Small}
                    variant={ButtonVariant.Secondary}
                    aria-expanded={isEditing(item.slug)}
                    aria-label={t('admin.referenceData.editItem', { name: item.nameFi })}
                    onClick={() => setEditing(isEditing(item.slug) ? null : { slug: item.slug })}
                  >
                    {t('admin.referenceData.edit')}
                  </Button>
                  {uses.length === 0 && (
                    <Button
                      size={ButtonSize.Small}
                      variant={ButtonVariant.Danger}
                      disabled={remove.isPending}
                      aria-label={t('admin.referenceData.deleteItem', { name: item.nameFi })}
                      onClick={() => remove.mutate(item)}
                    >
                      {t('admin.referenceData.delete')}
                    </Button>
                  )}
                </span>
              </div>
              {isEditing(item.slug) && (
                <ReferenceForm kind={kind} item={item} onSaved={saved} onCancel={() => setEditing(null)} />
              )}
            </li>
          );
        })}
      </ul>
      {isEditing(null) ? (
        <ReferenceForm kind={kind} onSaved={saved} onCancel={() => setEditing(null)} />
      ) : (
        <Button size={ButtonSize.Small} onClick={() => (remove.reset(), setEditing({ slug: null }))}>
          {t(`admin.referenceData.add.${kind}`)}
        </Button>
      )}
    </div>
  );
}
