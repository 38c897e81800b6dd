import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  EXPORT_ROW_LIMIT_HEADER,
  LatestOrdersResponse,
  LiveChangesResponse,
  MAX_SUMMARY_WORKFLOWS,
  WorkflowActivity,
  WorkflowOrderDetail,
  WorkflowOrderHistoryResponse,
  WorkflowOrderSummary,
  describeIssues,
  summariesResponseSchema,
  workflowActivitySchema,
  workflowOrderDetailSchema,
  workflowOrderHistoryResponseSchema,
  latestOrdersResponseSchema,
  liveChangesResponseSchema,
} from '@workflow-orders/plugin-workflow-orders-common';
import { CsvExport, WorkflowOrdersApi } from './WorkflowOrdersApi';
import { countCsvRecords, filenameOf } from './csvDownload';
import { WorkflowNotVisibleError } from './errors';

/** The part of a zod schema the client needs, so it depends on the shared schemas only. */
type ResponseSchema<T> = {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: Parameters<typeof describeIssues>[0] };
};

/** The `?a=1&b=2` of the parameters that are given, or nothing. */
function searchOf(params: Record<string, string | number | undefined>) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  return query.size ? `?${query}` : '';
}

/**
 * Talks to the workflow-orders backend through the app's DiscoveryApi and FetchApi, which carries
 * the user's credentials.
 *
 * @public
 */
export class WorkflowOrdersClient implements WorkflowOrdersApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** {@inheritDoc WorkflowOrdersApi.getOrders} */
  async getOrders(
    options: Parameters<WorkflowOrdersApi['getOrders']>[0],
  ): Promise<WorkflowOrderHistoryResponse> {
    const { limit, cursor, sort, direction, code } = options;
    const search = searchOf({ limit, cursor, sort, direction, code });
    return this.requestOfWorkflow(
      options.workflowId,
      `/workflows/${encodeURIComponent(options.workflowId)}/orders${search}`,
      workflowOrderHistoryResponseSchema,
    );
  }

  /** {@inheritDoc WorkflowOrdersApi.getLatestOrders} */
  async getLatestOrders(
    options: Parameters<WorkflowOrdersApi['getLatestOrders']>[0] = {},
  ): Promise<LatestOrdersResponse> {
    const { limit, cursor, direction, code, workflowIds } = options;
    const search = searchOf({
      limit,
      cursor,
      direction,
      code,
      workflow_ids: workflowIds?.join(','),
    });
    return this.request(`/latest-orders${search}`, latestOrdersResponseSchema);
  }

  /** {@inheritDoc WorkflowOrdersApi.exportOrders} */
  async exportOrders(
    options: Parameters<WorkflowOrdersApi['exportOrders']>[0],
  ): Promise<CsvExport> {
    const { workflowId, sort, direction, code } = options;
    const path = `/workflows/${encodeURIComponent(workflowId)}/orders.csv`;
    try {
      return await this.download(
        `${path}${searchOf({ sort, direction, code })}`,
        `${workflowId}-orders.csv`,
      );
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        throw new WorkflowNotVisibleError(workflowId, error);
      }
      throw error;
    }
  }

  /** {@inheritDoc WorkflowOrdersApi.exportLatestOrders} */
  async exportLatestOrders(
    options: Parameters<WorkflowOrdersApi['exportLatestOrders']>[0] = {},
  ): Promise<CsvExport> {
    const { direction, code, workflowIds } = options;
    const search = searchOf({
      direction,
      code,
      workflow_ids: workflowIds?.join(','),
    });
    return this.download(`/latest-orders.csv${search}`, 'latest-orders.csv');
  }

  /** {@inheritDoc WorkflowOrdersApi.getOrder} */
  async getOrder(options: { orderId: string }): Promise<WorkflowOrderDetail> {
    return this.request(
      `/orders/${encodeURIComponent(options.orderId)}`,
      workflowOrderDetailSchema,
    );
  }

  /** {@inheritDoc WorkflowOrdersApi.getSummaries} */
  async getSummaries(options: {
    workflowIds: string[];
  }): Promise<Array<WorkflowOrderSummary | null>> {
    const chunks: string[][] = [];
    for (
      let i = 0;
      i < options.workflowIds.length;
      i += MAX_SUMMARY_WORKFLOWS
    ) {
      chunks.push(options.workflowIds.slice(i, i + MAX_SUMMARY_WORKFLOWS));
    }
    const answers = await Promise.all(
      chunks.map(workflowIds =>
        this.request('/summaries', summariesResponseSchema, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ workflow_ids: workflowIds }),
        }),
      ),
    );
    return answers.flatMap(answer => answer.summaries);
  }

  /** {@inheritDoc WorkflowOrdersApi.getWorkflowActivity} */
  async getWorkflowActivity(options: {
    workflowId: string;
  }): Promise<WorkflowActivity> {
    return this.requestOfWorkflow(
      options.workflowId,
      `/workflows/${encodeURIComponent(options.workflowId)}/activity`,
      workflowActivitySchema,
    );
  }

  /** {@inheritDoc WorkflowOrdersApi.getLiveChanges} */
  async getLiveChanges(
    options: { after?: number; tabs?: readonly string[] } = {},
  ): Promise<LiveChangesResponse> {
    const search = new URLSearchParams(
      searchOf({ after: options.after }).slice(1),
    );
    for (const tab of options.tabs ?? []) search.append('tab', tab);
    return this.request(
      `/live/changes${search.size ? `?${search}` : ''}`,
      liveChangesResponseSchema,
    );
  }

  /** A request about one workflow, whose 404 means the workflow is unknown or hidden from the user. */
  private async requestOfWorkflow<T>(
    workflowId: string,
    path: string,
    schema: ResponseSchema<T>,
  ): Promise<T> {
    try {
      return await this.request(path, schema);
    } catch (error) {
      if (error instanceof ResponseError && error.statusCode === 404) {
        throw new WorkflowNotVisibleError(workflowId, error);
      }
      throw error;
    }
  }

  /** A CSV the backend answers at `path`, named as it says (else `fallbackName`). */
  private async download(
    path: string,
    fallbackName: string,
  ): Promise<CsvExport> {
    const baseUrl = await this.discoveryApi.getBaseUrl('workflow-orders');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const text = await response.text();
    const rowLimit = Number(response.headers.get(EXPORT_ROW_LIMIT_HEADER));
    return {
      filename:
        filenameOf(response.headers.get('Content-Disposition')) ?? fallbackName,
      content: new Blob([text], { type: 'text/csv;charset=utf-8' }),
      rows: Math.max(countCsvRecords(text) - 1, 0),
      rowLimit: rowLimit > 0 ? rowLimit : undefined,
    };
  }

  private async request<T>(
    path: string,
    schema: ResponseSchema<T>,
    init?: RequestInit,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('workflow-orders');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) {
      // A backend of another version answers in a shape this page cannot show; say where.
      throw new Error(
        `The workflow-orders backend sent an unexpected answer: ${describeIssues(parsed.error)}`,
      );
    }
    return parsed.data;
  }
}
