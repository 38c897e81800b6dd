import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { ResponseErrorPanel } from '@backstage/core-components';

/** An error that is not "no data": what went wrong, and a way to try again. */
export function ErrorWithRetry(props: {
  title: string;
  error: Error;
  onRetry: () => void;
}) {
  return (
    <Box mb={2}>
      <ResponseErrorPanel
        title={props.title}
        error={props.error}
        defaultExpanded
      />
      <Box mt={1}>
        <Button variant="outlined" onClick={props.onRetry}>
          Retry
        </Button>
      </Box>
    </Box>
  );
}
