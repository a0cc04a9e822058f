/**
 * fast-check arbitraries for the Supplier domain. Each generated event comes with the row a
 * correct consumer stores for it. Any of the optional parts of the four sources may be missing,
 * null, or present; address and business_info may be missing (or null) as a whole.
 */
import fc from 'fast-check';
import { EventType } from './contract.ts';
import { wrapEvent, type EventEnvelope } from './envelope.ts';
import { assemble, eventId, nested, nullable, objectId, optional, put, sqlDateTime, text, timestamp } from './arbitraries.ts';
import type { SupplierDocument, SupplierRow } from './supplier.ts';

/** Column sizes of `suppliers`, shared by the generators so every value fits its column. */
export const SUPPLIER_LIMITS = {
  email: 255, phone: 50,
  contact_person_name: 200, contact_person_title: 100, contact_person_email: 255, contact_person_phone: 50,
  legal_name: 255, dba_name: 255, tax_id: 50, tax_id_country: 2, company_type: 50, website: 500,
  street_line_1: 255, street_line_2: 255, city: 100, state: 100, zip_code: 20, country: 2,
  business_category: 100, facebook_url: 500, instagram_handle: 100,
} as const;

type Limited = keyof typeof SUPPLIER_LIMITS;
const field = (column: Limited) => text(SUPPLIER_LIMITS[column]);

/** A row as SupplierDAL.insertSupplier receives it. */
export const supplierRow = (): fc.Arbitrary<SupplierRow> =>
  fc.record({
    supplier_id: objectId(),
    email: text(SUPPLIER_LIMITS.email, 1),
    phone: nullable(field('phone')),
    contact_person_name: nullable(field('contact_person_name')),
    contact_person_title: nullable(field('contact_person_title')),
    contact_person_email: nullable(field('contact_person_email')),
    contact_person_phone: nullable(field('contact_person_phone')),
    legal_name: text(SUPPLIER_LIMITS.legal_name, 1),
    dba_name: nullable(field('dba_name')),
    tax_id: nullable(field('tax_id')),
    tax_id_country: nullable(field('tax_id_country')),
    company_type: nullable(field('company_type')),
    website: nullable(field('website')),
    street_line_1: nullable(field('street_line_1')),
    street_line_2: nullable(field('street_line_2')),
    city: nullable(field('city')),
    state: nullable(field('state')),
    zip_code: nullable(field('zip_code')),
    country: nullable(field('country')),
    business_category: nullable(field('business_category')),
    facebook_url: nullable(field('facebook_url')),
    instagram_handle: nullable(field('instagram_handle')),
    created_at: sqlDateTime(),
    updated_at: sqlDateTime(),
    event_id: eventId(),
    event_timestamp: sqlDateTime(),
  });

export type SupplierEventCase = {
  event: EventEnvelope<SupplierDocument>;
  /** the row a correct consumer leaves in `suppliers` for this event */
  row: SupplierRow;
};

const opt = (column: Limited) => optional(field(column));

/** supplier.created / supplier.updated events over the whole document space, with their expected rows. */
export const supplierEventCase = (
  eventType: typeof EventType.SUPPLIER_CREATED | typeof EventType.SUPPLIER_UPDATED = EventType.SUPPLIER_CREATED,
): fc.Arbitrary<SupplierEventCase> =>
  fc
    .record({
      supplierId: objectId(),
      email: text(SUPPLIER_LIMITS.email, 1),
      phone: opt('phone'),
      contactPerson: nested(fc.record({ name: opt('contact_person_name'), title: opt('contact_person_title'), email: opt('contact_person_email'), phone: opt('contact_person_phone') })),
      legalName: text(SUPPLIER_LIMITS.legal_name, 1),
      company: fc.record({ dba_name: opt('dba_name'), tax_id: opt('tax_id'), tax_id_country: opt('tax_id_country'), company_type: opt('company_type'), website: opt('website') }),
      address: nested(fc.record({ street_line_1: opt('street_line_1'), street_line_2: opt('street_line_2'), city: opt('city'), state: opt('state'), zip_code: opt('zip_code'), country: opt('country') })),
      business: nested(fc.record({ category: opt('business_category'), social: nested(fc.record({ facebook_url: opt('facebook_url'), instagram_handle: opt('instagram_handle') })) })),
      createdAt: timestamp(),
      updatedAt: timestamp(),
      eventId: eventId(),
      emittedAt: timestamp(),
    })
    .map((g) => {
      const contact: Record<string, unknown> = { primary_email: g.email };
      put(contact, 'primary_phone', g.phone);
      const person = assemble(contact, 'contact_person', g.contactPerson);
      const company: Record<string, unknown> = { legal_name: g.legalName };
      for (const [name, value] of Object.entries(g.company)) put(company, name, value);
      const data: Record<string, unknown> = { supplier_id: g.supplierId, contact_info: contact, company_info: company };
      const address = assemble(data, 'address', g.address);
      let category: string | null = null;
      let social: Record<'facebook_url' | 'instagram_handle', string | null> | undefined;
      if (g.business.kind === 'null') data.business_info = null;
      if (g.business.kind === 'present') {
        const business: Record<string, unknown> = {};
        put(business, 'business_category', g.business.value.category);
        category = g.business.value.category.value;
        social = assemble(business, 'social_links', g.business.value.social);
        data.business_info = business;
      }
      data.created_at = g.createdAt.iso;
      data.updated_at = g.updatedAt.iso;
      const event = wrapEvent(eventType, g.supplierId, data as SupplierDocument, { event_id: g.eventId, timestamp: g.emittedAt.iso });
      const row: SupplierRow = {
        supplier_id: g.supplierId,
        email: g.email,
        phone: g.phone.value,
        contact_person_name: person?.name ?? null,
        contact_person_title: person?.title ?? null,
        contact_person_email: person?.email ?? null,
        contact_person_phone: person?.phone ?? null,
        legal_name: g.legalName,
        dba_name: g.company.dba_name.value,
        tax_id: g.company.tax_id.value,
        tax_id_country: g.company.tax_id_country.value,
        company_type: g.company.company_type.value,
        website: g.company.website.value,
        street_line_1: address?.street_line_1 ?? null,
        street_line_2: address?.street_line_2 ?? null,
        city: address?.city ?? null,
        state: address?.state ?? null,
        zip_code: address?.zip_code ?? null,
        country: address?.country ?? null,
        business_category: category,
        facebook_url: social?.facebook_url ?? null,
        instagram_handle: social?.instagram_handle ?? null,
        created_at: g.createdAt.sql,
        updated_at: g.updatedAt.sql,
        event_id: g.eventId,
        event_timestamp: g.emittedAt.sql,
      };
      return { event, row };
    });
