import type { ServicesSection } from '../../../shared/config/config-bundle';
import { fail, type Router } from '../../../shared/contract';

/**
 * Services the administrators switched off in a config bundle (`services`
 * section) are refused at the host, whatever the screen shows: a renderer that
 * has not caught up yet (or a stale tab) cannot start one.
 *
 * Only the calls that START work are refused. Finishing what a taxpayer
 * already paid for (issuance.resume / print / paymentStatus / cancel) keeps
 * working: switching a service off must not strand someone's money. Likewise
 * withdrawing a consent to the bank (credit.revoke) always works: a person may
 * take back what they agreed to whatever the kiosk offers today.
 */
const STARTING_CALLS: Readonly<Record<keyof ServicesSection, readonly string[]>> = {
  invoiceCollection: ['collection.options', 'collection.collect'],
  invoiceIssue: ['issuance.begin', 'issuance.seller', 'issuance.quote', 'issuance.pay'],
  iitCertificate: ['certificate.periods', 'certificate.records', 'certificate.print'],
  taxCredit: ['credit.view', 'credit.authorize', 'credit.certificatePreview', 'credit.certificatePrint'],
};

export function switchedOffService(method: unknown, services: ServicesSection): keyof ServicesSection | null {
  for (const [service, calls] of Object.entries(STARTING_CALLS) as Array<[keyof ServicesSection, readonly string[]]>) {
    // Off only when the bundle says false: a section from before a service existed leaves it on.
    if (services[service] === false && typeof method === 'string' && calls.includes(method)) return service;
  }
  return null;
}

export function guardSwitchedOffServices(router: Router, services: () => ServicesSection, onRefused?: (method: string, service: string) => void): Router {
  return {
    async call(method, payload, ctx) {
      const off = switchedOffService(method, services());
      if (off !== null && typeof method === 'string') {
        onRefused?.(method, off);
        return fail('notAvailable', `${method}: the service ${off} is switched off on this kiosk by the administrators' config`);
      }
      return router.call(method, payload, ctx);
    },
  };
}
