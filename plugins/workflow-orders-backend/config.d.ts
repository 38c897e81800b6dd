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
       * Which workflows have a latest-order item, the copy of their newest order at sort key 0 that
       * the list reads a hundred workflows per BatchGetItem request.
       *
       * `partial`: only the workflows whose orders the engine's recorder wrote. A workflow without an
       * item is also queried, so orders of other writers (the AWS CLI, the original engine) are found;
       * `noOrderCacheSeconds` spares the queries of workflows found without orders.
       *
       * `complete`: every workflow with an order has one, because every writer goes through the
       * recorder or the stream projector runs; run `table:backfill` once to bring orders written
       * before in. The list then reads the items only, with no query: a workflow without an item, or
       * with one older than 7 days, shows no last order, and `noOrderCacheSeconds` is not used.
       *
       * @default partial
       */
      latestOrderItems?: 'partial' | 'complete';
      /**
       * The engine's recorder keeps a latest-order item per workflow, read in batches. A workflow
       * without one is queried; when that finds no order, the answer is kept this long before the
       * workflow is queried again. Orders the recorder writes show at once regardless; an order
       * written around the recorder (the AWS CLI, the original engine) into a workflow without
       * orders can show in the list this much later. 0 queries every time. Not used when
       * `latestOrderItems` is `complete`.
       *
       * @default 300
       */
      noOrderCacheSeconds?: number;
    };
    /** A workflow's history (the Orders tab and `GET /workflows/{id}/orders`). */
    history?: {
      /**
       * Items the count of a history's first page reads at most (DynamoDB counts them with
       * `Select: 'COUNT'`, so none is sent to the backend, but each is read and billed). A window
       * holding more answers `total_count` as a lower bound with `total_count_exact: false`, which
       * the tab shows as "1,000+ orders". Later pages carry the first page's count in their cursor.
       *
       * @default 1000
       */
      countReadLimit?: number;
      /**
       * How long, in seconds, a workflow's counted window is kept and updated from what changed
       * (the orders placed since and those that expired since, read by range) rather than counted
       * in full on every first page. Orders placed in the last minute are always counted afresh; an
       * order stored with an older `placed_at` (a backfill) or deleted early shows in the count
       * within this time. 0 counts in full every time.
       *
       * @default 300
       */
      countCacheSeconds?: number;
    };
    /** The access decisions every read makes (catalog query and authorization). */
    access?: {
      /**
       * How long one caller's decisions (which workflows they may read) are reused, in seconds, so a
       * page of the list, the Orders tab, the Last order card and the Workflow orders page cost one
       * catalog query and one authorization between them. A change of permissions or ownership
       * reaches the caller within this time. 0 decides on every request.
       *
       * @default 10
       */
      cacheSeconds?: number;
      /**
       * Callers whose decisions are kept at most; the least recently used go first.
       *
       * @default 1000
       */
      cacheSize?: number;
    };
    /** The Workflow orders page (`GET /latest-orders`). */
    latestOrders?: {
      /**
       * A caller who may see at most this many workflows gets their latest-order items read
       * directly (BatchGetItem, a hundred a request) and sorted, rather than the latest-orders index
       * paged past the workflows they may not see.
       *
       * @default 100
       */
      directReadLimit?: number;
    };
    /** The CSV exports (`GET /workflows/{id}/orders.csv`, `GET /latest-orders.csv`). */
    export?: {
      /**
       * Rows one export writes at most. When more orders match, the CSV holds the first ones and the
       * response ends with the trailer `X-Workflow-Orders-Truncated: true`; the response's
       * `X-Workflow-Orders-Row-Limit` header gives this value.
       *
       * @default 100000
       */
      maxRows?: number;
    };
    /**
     * Live updates: while a browser watches (it asks `GET /live/changes` at least every minute),
     * each backend instance reads the latest-orders index for new orders once per interval and
     * tells browsers on the signals channel `workflow-orders:changes`.
     */
    live?: {
      /**
       * Whether the watcher runs and `GET /live/changes` is served; when false, browsers poll.
       *
       * @default true
       */
      enabled?: boolean;
      /**
       * How often, in seconds, one Query of the latest-orders index looks for new orders while
       * someone watches; nothing is read while nobody does.
       *
       * @default 2
       */
      intervalSeconds?: number;
      /**
       * Changes (a workflow's new latest order each) kept for `GET /live/changes`; a browser that
       * fell further behind, such as after sleep, is told to reload instead.
       *
       * @default 10000
       */
      bufferSize?: number;
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
