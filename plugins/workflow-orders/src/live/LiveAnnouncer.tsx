import { CSSProperties, useCallback, useState } from 'react';
import { VisuallyHidden } from '@backstage/ui';

/** Hidden from sight, not from screen readers; a span, so that it fits in a paragraph. */
const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/** One message for screen readers; a new `id` is announced even when the text repeats. */
export interface Announcement {
  id: number;
  text: string;
}

/** "1 new order", "3 new orders". */
export function newOrdersText(count: number): string {
  return `${count.toLocaleString('en-US')} new ${count === 1 ? 'order' : 'orders'}`;
}

/** The announcement of a screen and how to make the next one. */
export function useAnnouncement(): [
  Announcement | undefined,
  (text: string) => void,
] {
  const [announcement, setAnnouncement] = useState<Announcement>();
  const announce = useCallback(
    (text: string) =>
      setAnnouncement(previous => ({ id: (previous?.id ?? 0) + 1, text })),
    [],
  );
  return [announcement, announce];
}

/**
 * A polite live region, not shown, that reads out what live updates brought: one message per
 * burst ("3 new orders"), never one per order.
 */
export function LiveAnnouncer(props: { announcement?: Announcement }) {
  const { announcement } = props;
  return (
    <VisuallyHidden role="status" aria-live="polite" aria-atomic="true">
      {announcement && <span key={announcement.id}>{announcement.text}</span>}
    </VisuallyHidden>
  );
}

/**
 * The text of an announcement, not shown, inside a live region the screen already has: its change
 * and the region's other changes are read out together.
 */
export function LiveAnnouncement(props: { announcement?: Announcement }) {
  const { announcement } = props;
  if (!announcement) return null;
  return (
    <span key={announcement.id} style={VISUALLY_HIDDEN}>
      {announcement.text}
    </span>
  );
}
