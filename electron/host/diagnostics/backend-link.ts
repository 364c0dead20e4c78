import type { DeliveryEvent } from '../sync/delivery-loop';
import type { BackendLink } from './diagnostics-service';

/**
 * The broker link as the delivery loop last reported it, for the diagnostics
 * screen. With the sandbox transport there is no link: `connected` is null.
 */
export class BackendLinkTracker {
  private link: BackendLink = { connected: null, detail: null };

  constructor(private readonly transport: 'sandbox' | 'amqp') {
    if (transport === 'amqp') this.link = { connected: false, detail: 'not connected yet' };
    else this.link = { connected: null, detail: 'in-process sandbox backend (no broker)' };
  }

  onEvent(event: DeliveryEvent): void {
    if (this.transport !== 'amqp') return;
    if (event.type === 'connected') this.link = { connected: true, detail: null };
    else if (event.type === 'connectFailed' || event.type === 'disconnected') this.link = { connected: false, detail: event.error.slice(0, 200) };
  }

  current(): BackendLink {
    return this.link;
  }
}
