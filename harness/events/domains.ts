/**
 * Every domain the course covers, by name. A new kata's domain is added here once; contract.ts
 * derives EventType and Topic from this list, and curriculum.ts names a kata's domain by its key.
 */
import { productDomain } from './product.ts';
import { postDomain } from './post.ts';
import { orderDomain } from './order.ts';
import { supplierDomain } from './supplier.ts';
import { userDomain } from './user.ts';

export const domains = {
  user: userDomain,
  supplier: supplierDomain,
  product: productDomain,
  post: postDomain,
  order: orderDomain,
} as const;

export type DomainName = keyof typeof domains;
export type AnyDomain = (typeof domains)[DomainName];
