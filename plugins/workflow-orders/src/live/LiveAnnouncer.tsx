import { useCallback, useState } from 'react';
import { VisuallyHidden } from '@backstage/ui';

/** One message for screen readers; a new `id` is announced even when the text repeats. */
export interface Announcement {
  id: number;
  text: string;
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
