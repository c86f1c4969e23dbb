import { inputSchemas, isMethodName, type MethodName } from '../../../shared/api/contract';
import { apiError, inputIssuesDetail, type Result } from '../../../shared/api/errors';
import type { Archive } from '../archive';
import { toVanthuError } from '../db/open';
import { createHandlers, type HostContext } from './handlers';

export type { HostContext } from './handlers';
export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

/**
 * Validates every input against the contract at the boundary, runs the handler, and turns any
 * failure into data with a closed error code. Never throws.
 */
export function createDispatcher(archive: Archive, ctx: HostContext): Dispatch {
  const handlers = createHandlers(archive, ctx);
  return async (method, input) => {
    if (!isMethodName(method)) return { ok: false, error: apiError('UNKNOWN_METHOD', method) };
    const parsed = inputSchemas[method].safeParse(input ?? {});
    if (!parsed.success) {
      return { ok: false, error: apiError('INVALID_INPUT', inputIssuesDetail(parsed.error.issues)) };
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      return { ok: false, error: toVanthuError(error).toApiError() };
    }
  };
}

export function methodList(): MethodName[] {
  return Object.keys(inputSchemas) as MethodName[];
}
