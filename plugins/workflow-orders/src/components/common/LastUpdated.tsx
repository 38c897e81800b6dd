import { ButtonIcon, Flex, Text, Tooltip, TooltipTrigger } from '@backstage/ui';
import { RiRefreshLine } from '@remixicon/react';
import { LiveLabel } from '../../live/LiveLabel';
import { RelativeTime } from './RelativeTime';

/** "Live" while pushes bring new orders, else "Last updated 2 minutes ago"; and a refresh button. */
export function LastUpdated(props: {
  lastUpdated?: Date;
  loading: boolean;
  onRefresh: () => void;
  /** New orders show as they are placed: the screen says "Live". */
  live?: boolean;
}) {
  const { lastUpdated, loading, onRefresh, live } = props;
  return (
    <Flex align="center" gap="1">
      <Text variant="body-small">
        {live && <LiveLabel />}
        {!live && lastUpdated && (
          <RelativeTime
            value={lastUpdated.toISOString()}
            prefix="Last updated "
          />
        )}
        {!live && !lastUpdated && 'Not updated yet'}
      </Text>
      <TooltipTrigger delay={400}>
        <ButtonIcon
          aria-label="Refresh"
          size="small"
          variant="tertiary"
          icon={<RiRefreshLine aria-hidden />}
          onPress={onRefresh}
          isDisabled={loading}
        />
        <Tooltip>Refresh</Tooltip>
      </TooltipTrigger>
    </Flex>
  );
}
