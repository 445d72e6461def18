import { type KeyboardEvent, type PointerEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useIsPhone } from '@/ui/use-media-query';

export const SHEET_STATES = ['collapsed', 'half', 'full'] as const;
export type SheetState = (typeof SHEET_STATES)[number];

/** A drag shorter than this is a press of the handle, not a drag. */
const DRAG_THRESHOLD_PX = 6;
const HANDLE_PX = 48;

interface PanelSheetProps {
  children: ReactNode;
  /** Id and label of the panel region itself (the skip link's target). */
  id: string;
  label: string;
}

/**
 * The route's panels: a sidebar on a wide screen, a bottom sheet under the map on a phone. The
 * sheet is collapsed (its handle only), half or full height; its handle is a button that steps
 * through the states (arrow keys step up and down), and it can be dragged to any height, snapping to
 * the nearest state on release. Opening a new page unfolds a collapsed sheet, so its content shows.
 */
export function PanelSheet({ children, id, label }: PanelSheetProps) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const { pathname } = useLocation();
  const [state, setState] = useState<SheetState>('half');
  const [dragHeight, setDragHeight] = useState<number | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const drag = useRef<{ startY: number; startHeight: number; moved: boolean } | null>(null);

  useEffect(() => setState((s) => (s === 'collapsed' ? 'half' : s)), [pathname]);

  const step = (by: 1 | -1) =>
    setState((s) => SHEET_STATES[Math.min(SHEET_STATES.length - 1, Math.max(0, SHEET_STATES.indexOf(s) + by))]);
  const cycle = () => setState((s) => SHEET_STATES[(SHEET_STATES.indexOf(s) + 1) % SHEET_STATES.length]);

  const available = () => root.current?.parentElement?.clientHeight ?? window.innerHeight;
  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    if (!isPhone || !root.current) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { startY: e.clientY, startHeight: root.current.getBoundingClientRect().height, moved: false };
  };
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    if (!d) return;
    const dy = d.startY - e.clientY;
    if (!d.moved && Math.abs(dy) < DRAG_THRESHOLD_PX) return;
    d.moved = true;
    setDragHeight(Math.min(available(), Math.max(HANDLE_PX, d.startHeight + dy)));
  };
  const onPointerUp = () => {
    const d = drag.current;
    drag.current = null;
    if (!d?.moved || dragHeight == null) return;
    const h = available();
    const targets: Record<SheetState, number> = { collapsed: HANDLE_PX, half: h / 2, full: h };
    const nearest = SHEET_STATES.reduce((a, b) =>
      Math.abs(targets[b] - dragHeight) < Math.abs(targets[a] - dragHeight) ? b : a,
    );
    setDragHeight(null);
    setState(nearest);
  };
  const onClick = () => {
    // A drag ends with a click event too; only a press without movement steps the state.
    if (dragHeight == null) cycle();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowUp') step(1);
    else if (e.key === 'ArrowDown') step(-1);
    else return;
    e.preventDefault();
  };

  const collapsed = isPhone && state === 'collapsed';
  return (
    <div
      ref={root}
      className="panel-sheet"
      data-sheet={isPhone ? state : undefined}
      data-dragging={dragHeight != null || undefined}
      style={dragHeight != null ? { height: dragHeight } : undefined}
    >
      {isPhone && (
        <button
          type="button"
          className="panel-sheet-handle"
          aria-controls={id}
          aria-expanded={!collapsed}
          aria-describedby={`${id}-handle-help`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onClick={onClick}
          onKeyDown={onKeyDown}
        >
          <span className="panel-sheet-grip" aria-hidden="true" />
          <span>{t(`sheet.${state}`)}</span>
          <span id={`${id}-handle-help`} className="visually-hidden">
            {t('sheet.help')}
          </span>
        </button>
      )}
      <aside id={id} tabIndex={-1} className="sidebar" aria-label={label} hidden={collapsed}>
        {children}
      </aside>
    </div>
  );
}
