import { Alert, Button, Flex, Text } from '@backstage/ui';
import { describeError } from './format';

/**
 * An error that is not "no data": what went wrong, and a way to try again; nothing while there is
 * no error.
 */
export function ErrorWithRetry(props: {
  title: string;
  error: Error | undefined;
  onRetry: () => void;
}) {
  if (!props.error) return null;
  const { message, status } = describeError(props.error);
  return (
    <Alert
      status="danger"
      icon
      role="alert"
      title={props.title}
      description={
        <Flex direction="column" gap="1">
          <Text variant="body-medium">{message}</Text>
          {status && <Text variant="body-small">{status}</Text>}
        </Flex>
      }
      customActions={
        <Button size="small" variant="secondary" onPress={props.onRetry}>
          Retry
        </Button>
      }
      mb="4"
    />
  );
}
