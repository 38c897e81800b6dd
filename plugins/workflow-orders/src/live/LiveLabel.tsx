import { HoverDetails } from '../components/common/HoverDetails';

/** "Live", with a dot in the success colour, and what it means on hover and focus. */
export function LiveLabel() {
  return (
    <HoverDetails nowrap details="New orders show here as they are placed.">
      <span
        aria-hidden
        style={{
          display: 'inline-block',
          width: 8,
          height: 8,
          borderRadius: '50%',
          backgroundColor: 'var(--bui-fg-positive, #2e7d32)',
        }}
      />
      Live
    </HoverDetails>
  );
}
