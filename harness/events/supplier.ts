/**
 * The Supplier domain: a wide document with four nested sources, and the flat row it becomes.
 * Complete: read it, don't edit it. Kata 02 builds the table, DAL and handlers for it.
 */
import { defineDomain } from './domain.ts';
import { newObjectId, wrapEvent, type EnvelopeOverrides, type EventEnvelope, type SqlDateTime } from './envelope.ts';

/** A supplier as MongoDB stores it (the `data` of supplier.created / supplier.updated). */
export type SupplierDocument = {
  supplier_id: string;
  /** source 1: how to reach the supplier; the primary email is always there */
  contact_info: {
    primary_email: string;
    primary_phone?: string | null;
    /** optional: small suppliers have no named contact */
    contact_person?: {
      name?: string | null;
      title?: string | null;
      email?: string | null;
      phone?: string | null;
    } | null;
  };
  /** source 2: the legal entity; the legal name is always there */
  company_info: {
    legal_name: string;
    /** "doing business as": the trading name, when it differs from the legal one */
    dba_name?: string | null;
    tax_id?: string | null;
    /** ISO 3166-1 alpha-2 country of the tax id, e.g. 'DE' */
    tax_id_country?: string | null;
    /** e.g. 'llc', 'sole_proprietorship', 'corporation' */
    company_type?: string | null;
    website?: string | null;
  };
  /** source 3: optional, missing for online-only suppliers */
  address?: {
    street_line_1?: string | null;
    street_line_2?: string | null;
    city?: string | null;
    state?: string | null;
    zip_code?: string | null;
    /** ISO 3166-1 alpha-2, e.g. 'US' */
    country?: string | null;
  } | null;
  /** source 4: optional, filled in later by the supplier */
  business_info?: {
    business_category?: string | null;
    social_links?: {
      facebook_url?: string | null;
      instagram_handle?: string | null;
    } | null;
  } | null;
  created_at: string;
  updated_at: string;
};

/** The `data` of supplier.deleted: the backend only says who was deleted. */
export type SupplierDeletedData = { supplier_id: string };

/** One row of the `suppliers` table: exactly one field per column, in column order (26). */
export type SupplierRow = {
  supplier_id: string;
  email: string;
  phone: string | null;
  contact_person_name: string | null;
  contact_person_title: string | null;
  contact_person_email: string | null;
  contact_person_phone: string | null;
  legal_name: string;
  dba_name: string | null;
  tax_id: string | null;
  tax_id_country: string | null;
  company_type: string | null;
  website: string | null;
  street_line_1: string | null;
  street_line_2: string | null;
  city: string | null;
  state: string | null;
  zip_code: string | null;
  country: string | null;
  business_category: string | null;
  facebook_url: string | null;
  instagram_handle: string | null;
  created_at: SqlDateTime;
  updated_at: SqlDateTime;
  event_id: string;
  event_timestamp: SqlDateTime;
};

/** The column order of `suppliers`, as the course defines it. */
export const SUPPLIER_COLUMNS = [
  'supplier_id', 'email', 'phone',
  'contact_person_name', 'contact_person_title', 'contact_person_email', 'contact_person_phone',
  'legal_name', 'dba_name', 'tax_id', 'tax_id_country', 'company_type', 'website',
  'street_line_1', 'street_line_2', 'city', 'state', 'zip_code', 'country',
  'business_category', 'facebook_url', 'instagram_handle',
  'created_at', 'updated_at', 'event_id', 'event_timestamp',
] as const satisfies readonly (keyof SupplierRow)[];

/** A realistic supplier document; pass overrides for the parts a test cares about. */
export function buildSupplier(overrides: Partial<SupplierDocument> = {}): SupplierDocument {
  return {
    supplier_id: newObjectId(),
    contact_info: {
      primary_email: 'orders@harbor-roasters.example',
      primary_phone: '+1 206 555 0142',
      contact_person: { name: 'Mara Okafor', title: 'Head of Sales', email: 'mara@harbor-roasters.example', phone: '+1 206 555 0199' },
    },
    company_info: {
      legal_name: 'Harbor Roasting Company LLC',
      dba_name: 'Harbor Roasters',
      tax_id: '91-1234567',
      tax_id_country: 'US',
      company_type: 'llc',
      website: 'https://harbor-roasters.example',
    },
    address: { street_line_1: '1201 Alaskan Way', street_line_2: 'Pier 57', city: 'Seattle', state: 'WA', zip_code: '98101', country: 'US' },
    business_info: { business_category: 'coffee', social_links: { facebook_url: 'https://facebook.com/harborroasters', instagram_handle: '@harborroasters' } },
    created_at: '2024-03-01T09:00:00.000001+00:00',
    updated_at: '2024-03-01T09:00:00.000001+00:00',
    ...overrides,
  };
}

export function supplierEvent(eventType: 'supplier.created' | 'supplier.updated', data: SupplierDocument, envelope?: EnvelopeOverrides): EventEnvelope<SupplierDocument>;
export function supplierEvent(eventType: 'supplier.deleted', data: SupplierDeletedData, envelope?: EnvelopeOverrides): EventEnvelope<SupplierDeletedData>;
/** Wraps a supplier document in the envelope the backend publishes. */
export function supplierEvent(eventType: string, data: SupplierDocument | SupplierDeletedData, envelope: EnvelopeOverrides = {}): EventEnvelope<SupplierDocument | SupplierDeletedData> {
  return wrapEvent(eventType, data.supplier_id, data, { timestamp: '2024-03-01T09:00:00.500000+00:00', ...envelope });
}

/** The supplier domain as the harness's tools see it (see domain.ts). */
export const supplierDomain = defineDomain({
  name: 'supplier',
  topic: 'suppliers',
  table: 'suppliers',
  idField: 'supplier_id',
  events: ['supplier.created', 'supplier.updated', 'supplier.deleted'],
  refersToExisting: ['supplier.deleted'],
  example: (type, id, now) =>
    type === 'supplier.deleted'
      ? supplierEvent(type, { supplier_id: id }, { timestamp: now })
      : supplierEvent(type, buildSupplier({ supplier_id: id, created_at: now, updated_at: now }), { timestamp: now }),
});
