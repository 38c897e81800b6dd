import type { WorkflowOrderRecord } from '@workflow-orders/table';
import { readLatestOrdersDirectly } from './latestOrdersDirect';

const record = (
  workflow_id: string,
  placed_at: number,
  order_direction: 'BUY' | 'SELL' = 'BUY',
) =>
  ({
    id: `order-${workflow_id}`,
    workflow_id,
    placed_at,
    order_direction,
    order_code: 'DAX.I',
  }) as WorkflowOrderRecord;

describe('readLatestOrdersDirectly', () => {
  const latest = new Map(
    [
      record('a', 100),
      record('b', 300, 'SELL'),
      record('c', 200),
      record('d', 200),
      record('e', 10),
    ].map(r => [r.workflow_id, r]),
  );
  const readLatest = jest.fn(async (ids: readonly string[]) => {
    return new Map(
      ids.flatMap(id => (latest.has(id) ? [[id, latest.get(id)!]] : [])),
    ) as Map<string, WorkflowOrderRecord>;
  });

  it('pages the named workflows newest first in one read, as the index does', async () => {
    // Act
    const first = await readLatestOrdersDirectly(readLatest, {
      workflowIds: ['a', 'b', 'c', 'd', 'e', 'x'],
      limit: 2,
      oldest: 50,
    });
    const second = await readLatestOrdersDirectly(readLatest, {
      workflowIds: ['a', 'b', 'c', 'd', 'e', 'x'],
      limit: 2,
      oldest: 50,
      after: first.next,
    });

    // Assess
    expect(first.orders.map(r => r.workflow_id)).toEqual(['b', 'd']);
    expect(second.orders.map(r => r.workflow_id)).toEqual(['c', 'a']);
    expect(second.next).toBeUndefined();
    expect(readLatest).toHaveBeenCalledWith(['a', 'b', 'c', 'd', 'e', 'x']);
  });

  it('leaves out what the filters and visibility leave out', async () => {
    // Act
    const page = await readLatestOrdersDirectly(readLatest, {
      workflowIds: ['a', 'b', 'c'],
      limit: 10,
      oldest: 0,
      direction: 'BUY',
      isVisible: id => id !== 'c',
    });

    // Assess
    expect(page.orders.map(r => r.workflow_id)).toEqual(['a']);
  });
});
