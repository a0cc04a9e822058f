/** Reference solution, exercise 5.3. */
import { EventType, type EventEnvelope, type HandlerMap } from '../../../harness/events/contract.ts';
import type { SupplierDeletedData, SupplierDocument } from '../../../harness/events/supplier.ts';
import type { SqlDateTime } from '../../../harness/events/user.ts';
import { UserConsumer } from '../01-user/user-consumer.ts';
import { SupplierDAL } from './supplier-dal.ts';

const kata01 = new UserConsumer();

export class SupplierConsumer {
  private readonly dal: SupplierDAL;

  constructor(dal: SupplierDAL = new SupplierDAL()) {
    this.dal = dal;
  }

  parseTimestamp(value: string): SqlDateTime;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null {
    return kata01.parseTimestamp(value);
  }

  async handleSupplierCreated(event: EventEnvelope<SupplierDocument>): Promise<void> {
    const { contact_info: contact, company_info: company, address, business_info: business } = event.data;
    const person = contact.contact_person;
    const social = business?.social_links;
    await this.dal.insertSupplier({
      supplier_id: event.entity_id,
      email: contact.primary_email,
      phone: contact.primary_phone ?? null,
      contact_person_name: person?.name ?? null,
      contact_person_title: person?.title ?? null,
      contact_person_email: person?.email ?? null,
      contact_person_phone: person?.phone ?? null,
      legal_name: company.legal_name,
      dba_name: company.dba_name ?? null,
      tax_id: company.tax_id ?? null,
      tax_id_country: company.tax_id_country ?? null,
      company_type: company.company_type ?? null,
      website: company.website ?? null,
      street_line_1: address?.street_line_1 ?? null,
      street_line_2: address?.street_line_2 ?? null,
      city: address?.city ?? null,
      state: address?.state ?? null,
      zip_code: address?.zip_code ?? null,
      country: address?.country ?? null,
      business_category: business?.business_category ?? null,
      facebook_url: social?.facebook_url ?? null,
      instagram_handle: social?.instagram_handle ?? null,
      created_at: this.parseTimestamp(event.data.created_at),
      updated_at: this.parseTimestamp(event.data.updated_at),
      event_id: event.event_id,
      event_timestamp: this.parseTimestamp(event.timestamp),
    });
  }

  async handleSupplierUpdated(event: EventEnvelope<SupplierDocument>): Promise<void> {
    await this.handleSupplierCreated(event);
  }

  async handleSupplierDeleted(event: EventEnvelope<SupplierDeletedData>): Promise<void> {
    await this.dal.deleteSupplier(event.data.supplier_id ?? event.entity_id);
  }

  getHandlers(): HandlerMap {
    return {
      [EventType.SUPPLIER_CREATED]: (event) => this.handleSupplierCreated(event),
      [EventType.SUPPLIER_UPDATED]: (event) => this.handleSupplierUpdated(event),
      [EventType.SUPPLIER_DELETED]: (event) => this.handleSupplierDeleted(event),
    };
  }
}
