import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * The last link of the Graph client's middleware chain: plain fetch, like the client's own
 * HTTPMessageHandler, but it keeps the original network error. The client turns a failed
 * fetch into a GraphError without its `cause`, losing ECONNREFUSED / ENOTFOUND / TLS codes
 * that explain.ts needs to tell the admin what went wrong.
 */
export class CapturingFetchHandler implements Middleware {
  /** The error fetch threw on the last attempt, if any. */
  lastError: unknown;

  async execute(context: Context): Promise<void> {
    try {
      context.response = await fetch(context.request, context.options);
    } catch (error) {
      this.lastError = error;
      throw error;
    }
  }
}
