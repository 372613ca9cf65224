import type { EndpointSpec } from '@/lib/http/endpoint';
import * as s from './schemas';

/**
 * The JWT Pizza REST API, one spec per endpoint. Route handlers are built from these specs
 * (lib/http/endpoint.ts) and GET /api/docs lists them, so the docs cannot drift.
 */
const spec = <S extends EndpointSpec>(value: S) => value;

const T = '-H "Authorization: Bearer tttttt"';
const J = "-H 'Content-Type: application/json'";
const exampleUser = { id: 2, name: 'pizza diner', email: 'd@jwt.com', roles: [{ role: 'diner' }] };

export const api = {
  register: spec({
    method: 'POST',
    path: '/api/auth',
    access: 'none',
    body: s.registerBody,
    description: 'Register a new user',
    example: `curl -X POST localhost:3000/api/auth -d '{"name":"pizza diner", "email":"d@jwt.com", "password":"diner-pass"}' ${J}`,
    response: { user: exampleUser, token: 'tttttt' },
  }),
  login: spec({
    method: 'PUT',
    path: '/api/auth',
    access: 'none',
    body: s.loginBody,
    description: 'Login existing user',
    example: `curl -X PUT localhost:3000/api/auth -d '{"email":"d@jwt.com", "password":"diner-pass"}' ${J}`,
    response: { user: exampleUser, token: 'tttttt' },
  }),
  logout: spec({
    method: 'DELETE',
    path: '/api/auth',
    access: 'user',
    description: 'Logout a user; the token stops working at once',
    example: `curl -X DELETE localhost:3000/api/auth ${T}`,
    response: { message: 'logout successful' },
  }),
  me: spec({
    method: 'GET',
    path: '/api/user/me',
    access: 'user',
    description: 'Get authenticated user',
    example: `curl localhost:3000/api/user/me ${T}`,
    response: exampleUser,
  }),
  updateUser: spec({
    method: 'PUT',
    path: '/api/user/:userId',
    access: 'user',
    params: s.userIdParams,
    body: s.updateUserBody,
    description: 'Update a user (that user or an admin); returns a fresh token',
    example: `curl -X PUT localhost:3000/api/user/1 -d '{"name":"pizza diner", "email":"d@jwt.com", "password":"diner-pass"}' ${J} ${T}`,
    response: { user: exampleUser, token: 'tttttt' },
  }),
  listUsers: spec({
    method: 'GET',
    path: '/api/user',
    access: 'admin',
    query: s.userListQuery,
    description: 'List users, 1-based pages; name is a filter where * is a wildcard',
    example: `curl 'localhost:3000/api/user?page=1&limit=10&name=*' ${T}`,
    response: { users: [exampleUser], more: false },
  }),
  deleteUser: spec({
    method: 'DELETE',
    path: '/api/user/:userId',
    access: 'admin',
    params: s.userIdParams,
    description: 'Delete a user',
    example: `curl -X DELETE localhost:3000/api/user/2 ${T}`,
    response: { message: 'user deleted' },
  }),
  getMenu: spec({
    method: 'GET',
    path: '/api/order/menu',
    access: 'none',
    description: 'Get the pizza menu',
    example: 'curl localhost:3000/api/order/menu',
    response: [{ id: 1, title: 'Veggie', image: '/pizzas/veggie.svg', price: 0.0038, description: 'A garden of delight' }],
  }),
  addMenuItem: spec({
    method: 'PUT',
    path: '/api/order/menu',
    access: 'admin',
    body: s.menuItemBody,
    description: 'Add an item to the menu; returns the whole menu',
    example: `curl -X PUT localhost:3000/api/order/menu -d '{ "title":"Student", "description": "No topping, no sauce, just carbs", "image":"/pizzas/crusty.svg", "price": 0.0001 }' ${J} ${T}`,
    response: [{ id: 1, title: 'Student', description: 'No topping, no sauce, just carbs', image: '/pizzas/crusty.svg', price: 0.0001 }],
  }),
  listOrders: spec({
    method: 'GET',
    path: '/api/order',
    access: 'user',
    query: s.orderListQuery,
    description: "Get the orders for the authenticated user, newest first, 10 a page",
    example: `curl 'localhost:3000/api/order?page=1' ${T}`,
    response: {
      dinerId: 4,
      orders: [
        { id: 1, franchiseId: 1, storeId: 1, date: '2024-06-05T05:14:40.000Z', status: 'fulfilled', items: [{ id: 1, menuId: 1, description: 'Veggie', price: 0.0038 }] },
      ],
      page: 1,
      more: false,
    },
  }),
  getOrder: spec({
    method: 'GET',
    path: '/api/order/:orderId',
    access: 'user',
    params: s.orderIdParams,
    description: 'Get one order with its status and, once made, its pizza JWT (its diner or an admin)',
    example: `curl localhost:3000/api/order/1 ${T}`,
    response: {
      id: 1,
      franchiseId: 1,
      storeId: 1,
      date: '2024-06-05T05:14:40.000Z',
      status: 'fulfilled',
      fulfilledAt: '2024-06-05T05:14:41.000Z',
      items: [{ id: 1, menuId: 1, description: 'Veggie', price: 0.0038 }],
      jwt: '1111111111',
    },
  }),
  createOrder: spec({
    method: 'POST',
    path: '/api/order',
    access: 'user',
    body: s.orderBody,
    description:
      'Create an order for the authenticated user; prices come from the menu. 200 with the pizza JWT, or 202 {message, order:{status:"pending"}} when the factory is slow or failing: the order is kept and made as soon as the factory recovers (GET /api/order/:orderId)',
    example: `curl -X POST localhost:3000/api/order -d '{"franchiseId": 1, "storeId":1, "items":[{ "menuId": 1, "description": "Veggie", "price": 0.0038 }]}' ${J} ${T}`,
    response: {
      order: { franchiseId: 1, storeId: 1, items: [{ menuId: 1, description: 'Veggie', price: 0.0038 }], id: 1, status: 'fulfilled' },
      jwt: '1111111111',
    },
  }),
  listFranchises: spec({
    method: 'GET',
    path: '/api/franchise',
    access: 'optional',
    query: s.franchiseListQuery,
    description: 'List franchises, 0-based pages; name is a filter where * is a wildcard. Admins also get admins and revenue',
    example: `curl 'localhost:3000/api/franchise?page=0&limit=10&name=pizzaPocket' ${T}`,
    response: { franchises: [{ id: 1, name: 'pizzaPocket', admins: [{ id: 4, name: 'pizza franchisee', email: 'f@jwt.com' }], stores: [{ id: 1, name: 'SLC', totalRevenue: 0 }] }], more: false },
  }),
  userFranchises: spec({
    method: 'GET',
    path: '/api/franchise/:userId',
    access: 'user',
    params: s.franchiseOwnerParams,
    description: "List a user's franchises (that user or an admin)",
    example: `curl localhost:3000/api/franchise/4 ${T}`,
    response: [{ id: 2, name: 'pizzaPocket', admins: [{ id: 4, name: 'pizza franchisee', email: 'f@jwt.com' }], stores: [{ id: 4, name: 'SLC', totalRevenue: 0 }] }],
  }),
  createFranchise: spec({
    method: 'POST',
    path: '/api/franchise',
    access: 'admin',
    body: s.createFranchiseBody,
    description: 'Create a franchise; each named admin becomes its franchisee',
    example: `curl -X POST localhost:3000/api/franchise -d '{"name": "pizzaPocket", "admins": [{"email": "f@jwt.com"}]}' ${J} ${T}`,
    response: { name: 'pizzaPocket', admins: [{ email: 'f@jwt.com', id: 4, name: 'pizza franchisee' }], id: 1 },
  }),
  deleteFranchise: spec({
    method: 'DELETE',
    path: '/api/franchise/:franchiseId',
    access: 'admin',
    params: s.franchiseIdParams,
    description: 'Delete (close) a franchise and its stores; order history is kept',
    example: `curl -X DELETE localhost:3000/api/franchise/1 ${T}`,
    response: { message: 'franchise deleted' },
  }),
  createStore: spec({
    method: 'POST',
    path: '/api/franchise/:franchiseId/store',
    access: 'user',
    params: s.franchiseIdParams,
    body: s.createStoreBody,
    description: 'Create a store (an admin, or an admin of that franchise)',
    example: `curl -X POST localhost:3000/api/franchise/1/store -d '{"name":"SLC"}' ${J} ${T}`,
    response: { id: 1, name: 'SLC', franchiseId: 1, totalRevenue: 0 },
  }),
  deleteStore: spec({
    method: 'DELETE',
    path: '/api/franchise/:franchiseId/store/:storeId',
    access: 'user',
    params: s.storeParams,
    description: 'Delete (close) a store (an admin, or an admin of that franchise)',
    example: `curl -X DELETE localhost:3000/api/franchise/1/store/1 ${T}`,
    response: { message: 'store deleted' },
  }),
  listAlerts: spec({
    method: 'GET',
    path: '/api/alerts',
    access: 'admin',
    query: s.alertsQuery,
    description:
      'The alert rules over the factory latency telemetry: each one\'s state (normal, pending, firing, resolved), since when, its current value and its recent transitions, newest first (history: how many, default 10)',
    example: `curl 'localhost:3000/api/alerts?history=5' ${T}`,
    response: {
      alerts: [
        {
          id: 'factory-latency-critical',
          name: 'Factory latency critical',
          severity: 'critical',
          kind: 'latency_critical',
          enabled: true,
          state: 'firing',
          since: '2026-11-26T20:05:04.000Z',
          value: 2013,
          evaluatedAt: '2026-11-26T20:05:10.000Z',
          history: [{ at: '2026-11-26T20:05:04.000Z', from: 'normal', to: 'firing', value: 2013, detail: null }],
        },
      ],
    },
  }),
} as const;

export type ApiName = keyof typeof api;
export const API_VERSION = '2026.11.26';
