import { anOrder, useTestTable } from '@workflow-orders/test-utils';
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { runWorkflow } from '../examples/cli';
import { handler as lambdaExample } from '../examples/lambda';
import { createOrderRecorder } from './createOrderRecorder';
import { withOrderRecorder } from './withOrderRecorder';

function lambdaContext(remainingMs: number): Context {
  return {
    functionName: 'place-orders',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    getRemainingTimeInMillis: () => remainingMs,
  } as Context;
}

describe('where an order was placed', () => {
  const table = useTestTable({ faultProxy: true });
  const savedEnv = { ...process.env };

  afterEach(() => {
    process.env = { ...savedEnv };
  });

  it.each([
    [
      'cli:<user>@<host> from a command line',
      undefined,
      `cli:${os.userInfo().username}@${os.hostname()}`,
    ],
    [
      'lambda:<function> in Lambda outside a wrapped handler',
      'nightly-rebalance',
      'lambda:nightly-rebalance',
    ],
  ])('records %s', async (_case, functionName, expected) => {
    // Prepare
    delete process.env.AWS_LAMBDA_FUNCTION_NAME;
    if (functionName) process.env.AWS_LAMBDA_FUNCTION_NAME = functionName;
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
    });
    const order = anOrder();

    // Act
    recorder.record(order);
    await recorder.flush();

    // Assess
    const [stored] = await table.ordersOf(order.workflow_id);
    expect(stored.execution_context).toBe(expected);
  });

  it('records the context the caller gives, over the option and the automatic one', async () => {
    // Prepare
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
      executionContext: 'batch:eod-replay',
    });
    const fromOption = anOrder();
    const fromCaller = anOrder({ execution_context: 'manual:ops-desk' });

    // Act
    recorder.record(fromOption);
    recorder.record(fromCaller);
    await recorder.flush();

    // Assess
    const [optionItem] = await table.ordersOf(fromOption.workflow_id);
    const [callerItem] = await table.ordersOf(fromCaller.workflow_id);
    expect(optionItem.execution_context).toBe('batch:eod-replay');
    expect(callerItem.execution_context).toBe('manual:ops-desk');
  });

  it('records the function and request id of the invocation, across awaits', async () => {
    // Prepare
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
    });
    const order = anOrder();
    const handler = withOrderRecorder(recorder, async () => {
      await new Promise(resolve => setTimeout(resolve, 10));
      recorder.record(order);
      return 'placed';
    });

    // Act
    const returned = await handler({}, lambdaContext(3000));

    // Assess
    expect(returned).toBe('placed');
    const [stored] = await table.ordersOf(order.workflow_id);
    expect(stored.execution_context).toBe(
      'lambda:place-orders:c6af9ac6-7b61-11e6-9a41-93e812345678',
    );
  });

  it('flushes before the handler returns, with the time the invocation has left', async () => {
    // Prepare
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
    });
    const flush = jest.spyOn(recorder, 'flush');
    const handler = withOrderRecorder(recorder, async () => 'done', {
      safetyMarginMs: 250,
    });

    // Act
    await handler({}, lambdaContext(3000));

    // Assess
    expect(flush).toHaveBeenCalledWith({ timeoutMs: 2750 });
  });

  it('stores the orders of a handler that throws, and rethrows its error', async () => {
    // Prepare
    const recorder = createOrderRecorder({
      clientConfig: table.proxy.clientConfig,
    });
    const order = anOrder();
    const handler = withOrderRecorder(recorder, async () => {
      recorder.record(order);
      throw new Error('broker rejected the second leg');
    });

    // Act
    const invocation = handler({}, lambdaContext(3000));

    // Assess
    await expect(invocation).rejects.toThrow('broker rejected the second leg');
    expect(await table.ordersOf(order.workflow_id)).toHaveLength(1);
  });

  describe('the usage examples', () => {
    // The examples configure nothing: like a deployed engine, they take everything from the
    // environment, which the SDK reads when the first request goes out.
    beforeEach(() => {
      Object.assign(process.env, table.environment(table.proxy.endpoint));
    });

    it('records the Lambda example order with its invocation', async () => {
      // Prepare
      const workflowId = randomUUID();
      const signal = {
        workflowId,
        workflowName: 'US Tech Momentum',
        code: 'NAS100.I',
        price: 18250.5,
        quantity: 2,
        direction: 'BUY' as const,
      };

      // Act
      const { orderId } = await lambdaExample(signal, lambdaContext(5000));

      // Assess
      expect(await table.ordersOf(workflowId)).toEqual([
        expect.objectContaining({
          id: orderId,
          order_type: 'MARKET',
          execution_context:
            'lambda:place-orders:c6af9ac6-7b61-11e6-9a41-93e812345678',
        }),
      ]);
    });

    it('records the CLI example orders and reports them in the flush result', async () => {
      // Prepare
      const workflowId = randomUUID();

      // Act
      const result = await runWorkflow(workflowId);

      // Assess
      expect(result).toMatchObject({
        recorded: 2,
        pending: 0,
        timedOut: false,
      });
      const stored = await table.ordersOf(workflowId);
      expect(stored.map(item => item.order_direction)).toEqual(['BUY', 'SELL']);
    });
  });
});
