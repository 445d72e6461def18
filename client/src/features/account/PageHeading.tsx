import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The page's heading, focused when the page opens: after a client-side navigation screen readers
 * otherwise stay wherever the old page left them.
 */
export function PageHeading({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus({ preventScroll: true }), []);
  return (
    <h2 id={id} ref={ref} tabIndex={-1} className="panel-heading account-heading">
      {children}
    </h2>
  );
}
