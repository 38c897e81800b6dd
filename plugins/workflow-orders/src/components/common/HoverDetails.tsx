import { ReactNode } from 'react';
import { Focusable, Tooltip, TooltipTrigger } from '@backstage/ui';

/** How long the pointer rests on a value before its details show; focus shows them at once. */
const HOVER_DELAY_MS = 400;

/**
 * A value with more to say on hover and on keyboard focus, as a toggletip: the value is a focusable
 * button-like trigger (a tooltip trigger must be interactive), and its details show in a Backstage UI
 * tooltip that describes it to screen readers while it is open.
 */
export function HoverDetails(props: {
  children: ReactNode;
  details: ReactNode;
  /** Keeps the value on one line, for narrow table cells. */
  nowrap?: boolean;
}) {
  const { children, details, nowrap } = props;
  return (
    <TooltipTrigger delay={HOVER_DELAY_MS}>
      <Focusable>
        <span
          role="button"
          tabIndex={0}
          style={{
            ...(nowrap
              ? {
                  whiteSpace: 'nowrap',
                  display: 'inline-flex',
                  alignItems: 'center',
                  gap: 'var(--bui-space-1_5, 6px)',
                }
              : {}),
            cursor: 'default',
            borderRadius: 2,
          }}
        >
          {children}
        </span>
      </Focusable>
      <Tooltip style={{ whiteSpace: 'pre-line', maxWidth: 360 }}>
        {details}
      </Tooltip>
    </TooltipTrigger>
  );
}
