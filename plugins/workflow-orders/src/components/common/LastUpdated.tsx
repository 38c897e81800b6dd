import { ButtonIcon, Flex, Text, Tooltip, TooltipTrigger } from '@backstage/ui';
import { RiRefreshLine } from '@remixicon/react';
import { RelativeTime } from './RelativeTime';

/** "Last updated 2 minutes ago" and a button to refresh now. */
export function LastUpdated(props: {
  lastUpdated?: Date;
  loading: boolean;
  onRefresh: () => void;
}) {
  const { lastUpdated, loading, onRefresh } = props;
  return (
    <Flex align="center" gap="1">
      <Text variant="body-small">
        {lastUpdated ? (
          <RelativeTime
            value={lastUpdated.toISOString()}
            prefix="Last updated "
          />
        ) : (
          'Not updated yet'
        )}
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
