import { Button, Flex } from '@backstage/ui';
import { RiArrowUpLine } from '@remixicon/react';

/**
 * The control a screen shows instead of moving its reader: "3 new orders", or "2 workflows have
 * new orders — show"; pressing it shows them.
 */
export function NewOrdersButton(props: { label: string; onShow: () => void }) {
  return (
    <Flex justify="center">
      <Button
        variant="secondary"
        size="small"
        iconStart={<RiArrowUpLine aria-hidden />}
        onPress={props.onShow}
      >
        {props.label}
      </Button>
    </Flex>
  );
}
