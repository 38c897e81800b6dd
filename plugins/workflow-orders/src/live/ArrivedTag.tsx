import { Badge } from '@backstage/ui';

/** How long a row that live updates brought stays marked. */
export const ARRIVED_MARK_MS = 8_000;

const ARRIVED_ATTRIBUTE = 'data-workflow-orders-arrived';

// The row of a marked cell fades from the accent colour; with reduced motion it does not fade, and
// the tag alone marks it.
const ARRIVED_CSS = `
@keyframes workflow-orders-arrived {
  from { background-color: var(--bui-bg-neutral-3, rgba(31, 84, 147, 0.18)); }
  to { background-color: transparent; }
}
[role='row']:has([${ARRIVED_ATTRIBUTE}]) > * {
  animation: workflow-orders-arrived 4s ease-out;
}
@media (prefers-reduced-motion: reduce) {
  [role='row']:has([${ARRIVED_ATTRIBUTE}]) > * {
    animation: none;
  }
}
`;

/** The style of {@link ArrivedTag}'s rows; rendered once by a screen that marks rows. */
export function ArrivedStyle() {
  return <style>{ARRIVED_CSS}</style>;
}

/** "New": marks a row that a live update just brought, and highlights its row briefly. */
export function ArrivedTag() {
  return (
    <span {...{ [ARRIVED_ATTRIBUTE]: '' }}>
      <Badge size="small">New</Badge>
    </span>
  );
}
