import { CustomErrorBase, ResponseError } from '@backstage/errors';

/**
 * The backend answered 404 for a workflow's orders or activity: the workflow does not exist, or the
 * signed-in user may not see its orders. The backend does not tell the two apart; for the workflow
 * of a catalog entity the user sees, it means the user is not allowed. `cause` is the
 * `ResponseError` with the backend's message.
 *
 * @public
 */
export class WorkflowNotVisibleError extends CustomErrorBase {
  /** The error's name, as Backstage errors carry it. */
  name = 'WorkflowNotVisibleError' as const;

  /** The workflow the backend would not show. */
  readonly workflowId: string;

  constructor(workflowId: string, cause: ResponseError) {
    super(
      `Workflow ${workflowId} was not found: it does not exist, or you may not see its orders`,
      cause,
    );
    this.workflowId = workflowId;
  }
}
