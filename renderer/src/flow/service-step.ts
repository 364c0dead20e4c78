/**
 * The two events every service flow (collection, issuance, certificate)
 * answers by rules of its own, dispatched in one place so each flow's step
 * function handles only its own events.
 */
export type ServiceCommonEvent = { type: 'callFailed' } | { type: 'back' } | { type: 'menu' };

export interface ServiceRules<S, E> {
  /** The flow's own events. null = leave the flow (back to the menu). */
  step(state: S, event: Exclude<E, ServiceCommonEvent>): S | null;
  /**
   * A call failed on the way (host away, invalid answer): a wait turns into
   * its offline or refused screen, paper under way into a "see staff" result;
   * a state with nothing pending stays as it is.
   */
  callFailed(state: S): S | null;
  /** The step before; the same state where there is no going back (paper under way); null leaves the flow. */
  back(state: S): S | null;
  /**
   * 返回业务菜单 (a button of its own, apart from 返回上一步): leaves the flow,
   * except where paper or money is under way (then the same state).
   */
  menu(state: S): S | null;
}

function isCommon<E extends { type: string }>(event: E): event is Extract<E, ServiceCommonEvent> {
  return event.type === 'callFailed' || event.type === 'back' || event.type === 'menu';
}

/** One flow's step function: pure, `(state, event) → next state`, null = leave the flow. */
export function serviceStep<S, E extends { type: string }>(rules: ServiceRules<S, E>): (state: S, event: E) => S | null {
  return (state, event) => {
    if (!isCommon(event)) return rules.step(state, event as Exclude<E, ServiceCommonEvent>);
    switch (event.type) {
      case 'callFailed':
        return rules.callFailed(state);
      case 'back':
        return rules.back(state);
      case 'menu':
        return rules.menu(state);
    }
    return state;
  };
}
