import 'server-only';
import { every } from '../schedule';
import { deliverNotifications } from './deliver';

export { deliverNotifications, deliveryOptions, backoffMs } from './deliver';
export { genericBody, slackBody, notificationBody } from './body';

const DELIVERY_INTERVAL_MS = 1_000;

/** Starts the webhook delivery job (every instance may run it: rows are claimed). */
export function startNotifications(): void {
  every('alert-notifications', DELIVERY_INTERVAL_MS, () => deliverNotifications());
}
