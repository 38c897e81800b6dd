import { useState } from 'react';
import { Button, Flex, Text } from '@backstage/ui';
import { CsvExport } from '../../api';
import { ErrorWithRetry, pluralOrders } from '../common';
import { saveFile } from './saveFile';

/** Props of {@link ExportCsvButton}. */
export interface ExportCsvButtonProps {
  /** Downloads the CSV of what the screen's filters select. */
  onExport: () => Promise<CsvExport>;
  /** True while the screen cannot say yet what its filters select. */
  isDisabled?: boolean;
}

type ExportState =
  | { status: 'idle' }
  | { status: 'exporting' }
  | { status: 'done'; result: CsvExport }
  | { status: 'failed'; error: Error };

/** What an export that finished says: its file and orders, and whether the row limit cut it. */
function doneText({ filename, rows, rowLimit }: CsvExport): string {
  const saved = `Downloaded ${filename}: ${pluralOrders(rows, true)}.`;
  if (rowLimit === undefined || rows < rowLimit) return saved;
  return `${saved} Exports stop at ${rowLimit.toLocaleString('en-US')} rows; narrow the filters to export the rest.`;
}

/**
 * "Export CSV": downloads every order the screen's filters select (all pages, not only the one
 * shown) through the user's credentials, then says what was saved, or shows why it failed.
 */
export function ExportCsvButton(props: ExportCsvButtonProps) {
  const { onExport, isDisabled } = props;
  const [state, setState] = useState<ExportState>({ status: 'idle' });

  const run = async () => {
    setState({ status: 'exporting' });
    try {
      const result = await onExport();
      saveFile(result.filename, result.content);
      setState({ status: 'done', result });
    } catch (error) {
      setState({
        status: 'failed',
        error: error instanceof Error ? error : new Error(String(error)),
      });
    }
  };

  return (
    <Flex direction="column" gap="2" align="end">
      <Button
        variant="secondary"
        onPress={run}
        isDisabled={isDisabled}
        loading={state.status === 'exporting'}
      >
        Export CSV
      </Button>
      {state.status === 'done' && (
        <Text variant="body-small" role="status">
          {doneText(state.result)}
        </Text>
      )}
      <ErrorWithRetry
        title="Could not export the orders"
        error={state.status === 'failed' ? state.error : undefined}
        onRetry={run}
      />
    </Flex>
  );
}
