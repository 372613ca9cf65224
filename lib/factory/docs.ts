import { MAX_ITEMS_PER_ORDER, PIZZA_TTL_SECONDS } from './pizza';

export const FACTORY_VERSION = '2026.11.26';

/** GET /factory/api/docs */
export function factoryDocs() {
  return {
    message: 'welcome to the JWT Pizza Factory',
    version: FACTORY_VERSION,
    endpoints: [
      {
        method: 'POST',
        path: '/api/order',
        requiresAuth: true,
        description: `Make and sign a pizza. Authorization: Bearer <vendor API key>. Orders of 1 to ${MAX_ITEMS_PER_ORDER} items; pizzas are RS256 JWTs valid for ${PIZZA_TTL_SECONDS / 86_400} days.`,
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
        description: 'The public keys that verify every pizza',
        example: 'curl $FACTORY/.well-known/jwks.json',
        response: { keys: [{ kty: 'RSA', kid: '...', n: '...', e: 'AQAB', alg: 'RS256', use: 'sig' }] },
      },
    ],
  };
}
