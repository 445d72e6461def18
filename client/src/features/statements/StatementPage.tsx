import type { ReactNode } from 'react';
import { PageHeading } from '@/features/account';
import { usePageTitle } from '@/ui/use-page-title';

/** A page of running text (a statement), widened like the admin page while the map stays mounted. */
export function StatementPage({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <article className="statement-page" aria-labelledby={id}>
      <PageHeading id={id}>{title}</PageHeading>
      {children}
    </article>
  );
}

/** One titled part of a statement. */
export function StatementSection({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{heading}</h3>
      {children}
    </section>
  );
}
