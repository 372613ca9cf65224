import { env } from '@/lib/env';
import { CHAOS_DURATION_MS, CHAOS_KINDS } from './chaos';
import { DEFAULT_CONFIG, MAX_EXPERIMENT_MS } from './config';

export const FACTORY_VERSION = '2026.11.26';

const ADMIN = "-H 'Authorization: Bearer $FACTORY_ADMIN_KEY' -H 'Content-Type: application/json'";

/** GET /factory/api/docs: the endpoints, the configuration and its limits, and the drill workflow. */
export function factoryDocs() {
  const envelope = env().factorySafeEnvelope;
  return {
    message: 'welcome to the JWT Pizza Factory',
    version: FACTORY_VERSION,
    endpoints: [
      {
        method: 'POST',
        path: '/api/order',
        requiresAuth: true,
        description: 'Make and sign a pizza (Authorization: Bearer <vendor API key>). 503 for an order the factory will not make (no items, or more than maxItemsPerOrder).',
        example: `curl -X POST $FACTORY/api/order -H 'Authorization: Bearer $KEY' -H 'Content-Type: application/json' -d '{"diner":{"id":1,"name":"J","email":"j@jwt.com"},"order":{"id":1,"franchiseId":1,"storeId":1,"items":[{"menuId":1,"description":"Veggie","price":0.0038}]}}'`,
        response: { jwt: 'eyJ...' },
      },
      {
        method: 'POST',
        path: '/api/order/verify',
        description: 'Check a pizza: 200 {message:"valid", payload} or 403 {message:"invalid"}',
        example: `curl -X POST $FACTORY/api/order/verify -H 'Content-Type: application/json' -d '{"jwt":"eyJ..."}'`,
        response: { message: 'valid', payload: { vendor: {}, diner: {}, order: {} } },
      },
      {
        method: 'GET',
        path: '/.well-known/jwks.json',
        description: 'The public keys that verify every pizza, including a key about to sign and keys whose pizzas may still be live',
        example: 'curl $FACTORY/.well-known/jwks.json',
        response: { keys: [{ kty: 'RSA', kid: '...', n: '...', e: 'AQAB', alg: 'RS256', use: 'sig' }] },
      },
      {
        method: 'GET',
        path: '/api/config',
        requiresAuth: true,
        description: 'The configuration in force and its version (admin key)',
        example: `curl $FACTORY/api/config ${ADMIN}`,
        response: { version: 3, document: DEFAULT_CONFIG, author: 'ops@jwt.pizza', reason: '…', kind: 'change' },
      },
      {
        method: 'PUT',
        path: '/api/config',
        requiresAuth: true,
        description:
          'Change the configuration: a partial document plus a reason, optionally expectedVersion (409 if it moved on). A change outside the safe envelope is refused with 422 {message, errors:[{path, message}]} unless sent as an experiment.',
        example: `curl -X PUT $FACTORY/api/config ${ADMIN} -d '{"changes":{"processingDelayMs":200},"reason":"slower oven","expectedVersion":3}'`,
        response: { version: 4, document: { ...DEFAULT_CONFIG, processingDelayMs: 200 }, diff: [{ path: 'processingDelayMs', from: 0, to: 200 }] },
      },
      {
        method: 'GET',
        path: '/api/config/history',
        requiresAuth: true,
        description: 'Every version, newest first, with author, reason, time and diff',
        example: `curl $FACTORY/api/config/history ${ADMIN}`,
        response: { versions: [{ version: 4, kind: 'change', diff: [{ path: 'processingDelayMs', from: 0, to: 200 }] }] },
      },
      {
        method: 'POST',
        path: '/api/config/rollback',
        requiresAuth: true,
        description: 'Go back to an earlier version (recorded as a new version); only to a version inside the safe envelope',
        example: `curl -X POST $FACTORY/api/config/rollback ${ADMIN} -d '{"version":3,"reason":"undo the slower oven"}'`,
        response: { version: 5, kind: 'rollback', revertsTo: 3 },
      },
      {
        method: 'POST',
        path: '/api/config/experiment/end',
        requiresAuth: true,
        description: 'End the running experiment now; the configuration reverts to the version before it',
        example: `curl -X POST $FACTORY/api/config/experiment/end ${ADMIN} -d '{"reason":"drill over"}'`,
        response: { version: 7, kind: 'revert' },
      },
      {
        method: 'PUT',
        path: '/api/vendor/chaos/:type',
        requiresAuth: true,
        description: `The original chaos switch (vendor key): throttle, fail or badjwt. Starts a ${CHAOS_DURATION_MS / 60_000}-minute experiment; the reportUrl ends it early.`,
        example: `curl -X PUT $FACTORY/api/vendor/chaos/throttle -H 'Authorization: Bearer $KEY'`,
        response: { message: 'chaos throttle started as experiment v6', reportUrl: '$FACTORY/api/support/<token>/report' },
      },
      {
        method: 'GET',
        path: '/api/webhooks',
        requiresAuth: true,
        description: 'Subscribed webhooks and the state of their deliveries. POST {url, secret?} subscribes; DELETE /api/webhooks/:id unsubscribes.',
        example: `curl $FACTORY/api/webhooks ${ADMIN}`,
        response: { webhooks: [{ id: 1, url: 'http://store/api/factory/events', delivered: 4, pending: 0, failed: 0 }] },
      },
      {
        method: 'POST',
        path: '/api/keys/rotate',
        requiresAuth: true,
        description: 'Rotate the signing key: the new key is published first and signs after the publish lead; old keys stay published until their pizzas expire. GET /api/keys lists them.',
        example: `curl -X POST $FACTORY/api/keys/rotate ${ADMIN}`,
        response: { keys: [{ kid: '...', signingFrom: '...', retiredAt: null, signing: false }] },
      },
    ],
    configuration: {
      fields: {
        processingDelayMs: 'time the oven takes per order (0–120000)',
        failureRate: 'share of orders answered with a 500 (0–1)',
        badJwtRate: 'share of orders returned with a corrupted signature (0–1)',
        maxItemsPerOrder: 'largest order the factory makes (1–100)',
        tokenTtlSeconds: 'lifetime of a pizza JWT (60 s – 90 days)',
      },
      defaults: DEFAULT_CONFIG,
      safeEnvelope: {
        processingDelayMs: { max: envelope.maxProcessingDelayMs, setBy: 'FACTORY_SAFE_MAX_DELAY_MS' },
        failureRate: { max: envelope.maxFailureRate, setBy: 'FACTORY_SAFE_MAX_FAILURE_RATE' },
        badJwtRate: { max: envelope.maxBadJwtRate, setBy: 'FACTORY_SAFE_MAX_BAD_JWT_RATE' },
      },
      announcements:
        'Every applied version, rollback, experiment start and end is POSTed to each webhook as JSON {type, version, kind, author, reason, diff, document, appliedAt, expiresAt}, signed in the x-jwt-pizza-signature header as t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">. Failed deliveries are retried with exponential backoff, up to 10 times.',
    },
    drill: [
      'Start: PUT /api/config with the unsafe values and experiment:{reason, expiresAt} (expiresAt at most 1 hour ahead), or PUT /api/vendor/chaos/throttle.',
      'Watch: the store alerts and opens an incident; orders are kept as pending, so customers do not wait.',
      'End: the experiment reverts by itself once expiresAt passes, and the revert is recorded as a version; end it earlier with POST /api/config/experiment/end or the chaos reportUrl.',
      `Experiments are limited to ${MAX_EXPERIMENT_MS / 60_000} minutes, and no other change applies while one runs.`,
    ],
    chaosKinds: CHAOS_KINDS,
  };
}
