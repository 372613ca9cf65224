import { z } from 'zod';

/** Every input schema of the REST API and the UI's server actions, in one place. */

const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

/**
 * Messages for type problems of schemas that set none, in the words of the others: a missing
 * field "is required", a wrong type "must be a string" (zod's own read "Invalid input:
 * expected string, received undefined").
 */
function typeIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  if (issue.input === undefined) return 'is required';
  if (issue.expected === 'int') return 'must be a whole number';
  if (typeof issue.input === 'number' && Number.isNaN(issue.input)) return 'must be a number';
  return `must be ${article(issue.expected)}`;
}

// Set where the schemas are defined, so every route and form that parses with them has it.
z.config({ customError: typeIssueMessage });

const trimmed = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

/** Ids are 32-bit INTEGER columns; a larger value would make PostgreSQL fail the query (a 500). */
export const MAX_ID = 2_147_483_647;
export const id = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .positive('must be positive')
  .max(MAX_ID, `must be at most ${MAX_ID}`);
export const name = trimmed(80);
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'is required')
  .pipe(z.email('must be an email address'))
  .pipe(z.string().max(254));
/** A new password, kept as typed (spaces count) but never blank. */
export const password = z
  .string()
  .min(8, 'must be at least 8 characters')
  .max(200, 'must be at most 200 characters')
  .refine((value) => value.trim() !== '', 'must not be only spaces');
/** Passwords are checked, not validated, at login: an old short password must still work. */
const loginPassword = z.string().min(1, 'is required').max(200);

export const registerBody = z.object({ name, email, password });
export const loginBody = z.object({ email, password: loginPassword });
/**
 * Other keys are ignored, as in every body: the old front end sends the whole user, `id` and
 * `roles` included, and roles never change here.
 */
export const updateUserBody = z.object({ name: name.optional(), email: email.optional(), password: password.optional() });

export const userIdParams = z.object({ userId: id });
export const franchiseIdParams = z.object({ franchiseId: id });
/** GET /api/franchise/:userId shares its route segment with /api/franchise/:franchiseId. */
export const franchiseOwnerParams = z.preprocess((params) => ({ userId: (params as { franchiseId?: unknown }).franchiseId }), userIdParams);
export const storeParams = z.object({ franchiseId: id, storeId: id });

const page = (first: 0 | 1) => z.coerce.number().int().min(first, `must be ${first} or more`).max(100_000).default(first);
const limit = z.coerce.number().int().min(1).max(100).default(10);
/** A name filter in which * is a wildcard. */
const nameFilter = z.string().trim().max(80).default('*');

export const userListQuery = z.object({ page: page(1), limit, name: nameFilter });
export const franchiseListQuery = z.object({ page: page(0), limit, name: nameFilter });
export const orderListQuery = z.object({ page: page(1) });

/** Prices in ₿ as the API shows them: positive, at most 8 decimals, at most 1 ₿. */
export const btc = z
  .number({ error: 'must be a number of bitcoin' })
  .positive('must be more than 0')
  .max(1, 'must be at most 1 ₿')
  .refine((v) => Math.abs(Math.round(v * 1e8) - v * 1e8) < 1e-6, 'must have at most 8 decimal places');

/**
 * A menu picture: a path on this site (old clients send bare file names such as `pizza9.png`)
 * or an https URL. Any other scheme (`javascript:`, `data:`, `http:`) or a host-relative `//host`
 * is refused.
 */
const hasScheme = (value: string) => /^[a-z][a-z0-9+.-]*:/i.test(value);

export const menuImage = trimmed(300).refine((value) => {
  if (/\s/.test(value) || value.startsWith('//')) return false;
  if (!hasScheme(value)) return true;
  return /^https:\/\/[^/]/i.test(value) && URL.canParse(value);
}, 'must be a path on this site (such as /pizzas/veggie.svg) or an https:// URL');

/** Where a menu picture loads from: a path without its leading slash (`pizza9.png`) from the site root, on any page. */
export const menuImageSrc = (image: string) => (hasScheme(image) || image.startsWith('/') ? image : `/${image}`);

export const menuItemBody = z.object({
  title: trimmed(60),
  description: trimmed(300),
  image: menuImage,
  price: btc,
});

export const MAX_ORDER_ITEMS = 20;
export const orderBody = z.object({
  franchiseId: id,
  storeId: id,
  items: z
    .array(
      // Descriptions and prices sent by a client are accepted for compatibility and ignored.
      z.object({ menuId: id, description: z.string().max(300).optional(), price: z.number().optional() }),
    )
    .min(1, 'must hold at least one pizza')
    .max(MAX_ORDER_ITEMS, `must hold at most ${MAX_ORDER_ITEMS} pizzas`),
});

/** The cart's checkout key, made by the browser (components/shop/cart-store.ts) and sent with the UI's pay action only. */
export const checkoutKey = z.string().trim().min(16, 'is too short').max(64, 'is too long').regex(/^[\w-]+$/, 'has characters other than letters, digits, - and _');

export const createFranchiseBody = z.object({
  name: trimmed(60),
  admins: z.array(z.object({ email })).max(20).default([]),
});
export const createStoreBody = z.object({ name: trimmed(60) });
export const orderIdParams = z.object({ orderId: id });

export type RegisterInput = z.infer<typeof registerBody>;
export type LoginInput = z.infer<typeof loginBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;
export type MenuItemInput = z.infer<typeof menuItemBody>;
export type OrderInput = z.infer<typeof orderBody>;

export type CreateFranchiseInput = z.infer<typeof createFranchiseBody>;

/** The UI's "Verify" button: the pizza JWT to ask the factory about. */
export const verifyPizzaBody = z.object({ jwt: z.string().trim().min(1, 'is required').max(20_000, 'is too long') });

/* UI forms: FormData carries text, so these parse text into the API's shapes. */

/** One or more emails separated by commas, semicolons or spaces. */
const emailListText = z.string().transform((text, ctx) => {
  const entries = text.split(/[\s,;]+/).filter(Boolean);
  if (entries.length === 0) {
    ctx.addIssue({ code: 'custom', message: 'add at least one franchisee email' });
    return z.NEVER;
  }
  const invalid = entries.filter((entry) => !email.safeParse(entry).success);
  if (invalid.length) {
    ctx.addIssue({ code: 'custom', message: `not an email address: ${invalid.join(', ')}` });
    return z.NEVER;
  }
  return [...new Set(entries.map((entry) => email.parse(entry)))].map((address) => ({ email: address }));
});

export const createFranchiseForm = z.object({ name: createFranchiseBody.shape.name, admins: emailListText });
export const createStoreForm = createStoreBody.extend({ franchiseId: id });
export const menuItemForm = menuItemBody.extend({
  price: z.string().trim().min(1, 'is required').pipe(z.coerce.number({ error: 'must be a number of bitcoin' })).pipe(btc),
});

/** GET /api/alerts: how many recent events to return per rule. */
export const alertsQuery = z.object({ history: z.coerce.number().int().min(0).max(100).default(10) });

/** Incidents: GET /api/incidents?status=, and the :id routes. */
export const incidentListQuery = z.object({ status: z.enum(['open', 'resolved']).optional() });
export const incidentParams = z.object({ id });
/** PUT/DELETE /api/alerts/:id: a rule id; the body of PUT is a partial rule, validated against the rule's schema. */
export const alertRuleParams = z.object({ id: z.string().regex(/^[a-z0-9-]{1,60}$/, 'must be a rule id (lowercase letters, digits and dashes)') });
export const alertRuleEditBody = z.record(z.string(), z.unknown(), { error: 'must be a JSON object of rule fields' });
