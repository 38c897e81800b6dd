import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each test file keeps the orders its recorders could not store in a directory of its own, never in
// the user's state directory, where another run would replay them.
process.env.WORKFLOW_ORDERS_STATE_DIR = mkdtempSync(
  join(tmpdir(), 'workflow-orders-state-'),
);
