import type { MethodName, RequestOf, ResultOf } from '../../../shared/contract/methods';

/** The `diag.*` methods: the diagnostics screen's only way to the host (the host decides what is allowed). */
export type DiagMethod = Extract<MethodName, `diag.${string}`>;
export type DiagCall = <M extends DiagMethod>(method: M, request: RequestOf<M>) => Promise<ResultOf<M>>;
