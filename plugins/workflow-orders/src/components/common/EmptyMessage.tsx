import { ReactNode } from 'react';
import { Flex, Text } from '@backstage/ui';

/** A state with nothing to list, said in words: a title, what it means, and maybe an action. */
export function EmptyMessage(props: {
  title: string;
  description: string;
  action?: ReactNode;
}) {
  return (
    <Flex direction="column" align="center" gap="2" py="8">
      <Text as="h3" variant="title-x-small">
        {props.title}
      </Text>
      <Text as="p" variant="body-medium">
        {props.description}
      </Text>
      {props.action}
    </Flex>
  );
}
