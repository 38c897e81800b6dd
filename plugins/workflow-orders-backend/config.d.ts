export interface Config {
  /** Settings of the workflow-orders plugins. */
  workflowOrders?: {
    /** The DynamoDB table the trading engine records orders in. */
    dynamodb?: {
      /**
       * Name of the orders table.
       *
       * @default workflow_orders
       */
      tableName?: string;
      /** AWS region of the table; the SDK's default chain (AWS_REGION, profile) when not set. */
      region?: string;
      /** Endpoint of a local DynamoDB, e.g. http://localhost:8001; AWS's own when not set. */
      endpoint?: string;
      /**
       * Static credentials, for a local DynamoDB. Production leaves them out and uses the AWS SDK's
       * default provider chain (environment, instance or task role).
       */
      credentials?: {
        /** @visibility secret */
        accessKeyId: string;
        /** @visibility secret */
        secretAccessKey: string;
      };
      /**
       * How long one DynamoDB request may take before it counts as failed, in milliseconds.
       *
       * @default 3000
       */
      requestTimeoutMs?: number;
      /**
       * How long opening a connection to DynamoDB may take, in milliseconds.
       *
       * @default 1000
       */
      connectionTimeoutMs?: number;
      /**
       * Attempts per DynamoDB request, the first included; throttling and outages are retried.
       *
       * @default 2
       */
      maxAttempts?: number;
    };
    /** The last orders behind the workflows list (`POST /summaries`). */
    summaries?: {
      /**
       * The engine's recorder keeps a latest-order item per workflow, read in batches. A workflow
       * without one is queried; when that finds no order, the answer is kept this long before the
       * workflow is queried again. Orders the recorder writes show at once regardless; an order
       * written around the recorder (the AWS CLI, the original engine) into a workflow without
       * orders can show in the list this much later. 0 queries every time.
       *
       * @default 300
       */
      noOrderCacheSeconds?: number;
    };
    /**
     * Key that signs history cursors. Set the same value on every instance behind one URL; when not
     * set, each process makes a random one and cursors do not survive a restart.
     *
     * @visibility secret
     */
    cursorSecret?: string;
  };
}
