import type { ReactNode } from 'react';

interface PanelProps {
  /** The heading's id; the section is labelled by it. */
  id: string;
  heading: ReactNode;
  testId?: string;
  children?: ReactNode;
}

/** One titled block of the sidebar: a section named by its h2, so screen readers list it as a region. */
export function Panel({ id, heading, testId, children }: PanelProps) {
  return (
    <section className="panel" aria-labelledby={id} data-testid={testId}>
      <h2 id={id} className="panel-heading">
        {heading}
      </h2>
      {children}
    </section>
  );
}
