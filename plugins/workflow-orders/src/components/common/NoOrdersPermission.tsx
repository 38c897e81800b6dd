import { Flex, Text } from '@backstage/ui';
import { RiLockLine } from '@remixicon/react';

/** What the user is told when they may not read a workflow's orders. */
const NO_PERMISSION_TITLE =
  "You don't have permission to see this workflow's orders";
const NO_PERMISSION_HINT =
  "Ask the workflow's owner or operations staff to give you access to its orders.";

/**
 * The Orders tab and the Last order card of a workflow whose orders the user may not read: neither
 * an error (nothing failed) nor "no orders" (there may be some). `compact` for a card.
 */
export function NoOrdersPermission({ compact }: { compact?: boolean }) {
  return (
    <Flex
      gap="3"
      align="start"
      py={compact ? undefined : '8'}
      justify={compact ? 'start' : 'center'}
    >
      <RiLockLine
        size={compact ? 20 : 28}
        aria-hidden
        style={{ color: 'var(--bui-fg-secondary)', flexShrink: 0 }}
      />
      <Flex direction="column" gap="1">
        <Text as="p" variant={compact ? 'body-medium' : 'title-x-small'}>
          {NO_PERMISSION_TITLE}
        </Text>
        <Text as="p" variant="body-small">
          {NO_PERMISSION_HINT}
        </Text>
      </Flex>
    </Flex>
  );
}
