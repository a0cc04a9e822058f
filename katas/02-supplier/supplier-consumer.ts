/**
 * Exercise 5.3 (Consumer): turns supplier events into rows of `suppliers`, through SupplierDAL.
 *
 * The document has four nested sources (contact_info, company_info, address, business_info);
 * any optional part may be missing, and address and business_info may be missing as a whole.
 * Every missing value becomes null. The full flattening map is in katas/02-supplier/README.md,
 * "4. The flattening map".
 *
 * Check yourself with: npm test -- katas/02-supplier/5.3
 */
import { EventType, type EventEnvelope, type HandlerMap } from '../../harness/events/contract.ts';
import type { SupplierDeletedData, SupplierDocument } from '../../harness/events/supplier.ts';
import type { SqlDateTime } from '../../harness/events/user.ts';
import { notImplemented } from '../../harness/not-started.ts';
import { UserConsumer } from '../01-user/user-consumer.ts';
import { SupplierDAL } from './supplier-dal.ts';

/** Your timestamp parser from kata 01 (exercise 5.3), reused rather than written twice. */
const kata01 = new UserConsumer();

export class SupplierConsumer {
  private readonly dal: SupplierDAL;

  constructor(dal: SupplierDAL = new SupplierDAL()) {
    this.dal = dal;
  }

  /** Already done: ISO 8601 text -> 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC, with your kata 01 parser. */
  parseTimestamp(value: string): SqlDateTime;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null {
    return kata01.parseTimestamp(value);
  }

  /**
   * Handles supplier.created: flattens the four sources into one SupplierRow (26 fields) and
   * calls this.dal.insertSupplier(). Where each column comes from:
   *
   *   supplier_id          <- event.entity_id
   *   email                <- data.contact_info.primary_email
   *   phone                <- data.contact_info.primary_phone
   *   contact_person_name  <- data.contact_info.contact_person.name      (contact_person may be missing)
   *   contact_person_title <- data.contact_info.contact_person.title
   *   contact_person_email <- data.contact_info.contact_person.email
   *   contact_person_phone <- data.contact_info.contact_person.phone
   *   legal_name           <- data.company_info.legal_name
   *   dba_name             <- data.company_info.dba_name
   *   tax_id               <- data.company_info.tax_id
   *   tax_id_country       <- data.company_info.tax_id_country
   *   company_type         <- data.company_info.company_type
   *   website              <- data.company_info.website
   *   street_line_1        <- data.address.street_line_1                (address may be missing)
   *   street_line_2        <- data.address.street_line_2
   *   city, state, zip_code, country <- data.address.<same name>
   *   business_category    <- data.business_info.business_category      (business_info may be missing)
   *   facebook_url         <- data.business_info.social_links.facebook_url     (social_links may be missing)
   *   instagram_handle     <- data.business_info.social_links.instagram_handle
   *   created_at, updated_at <- data.created_at, data.updated_at        (parseTimestamp)
   *   event_id             <- event.event_id
   *   event_timestamp      <- event.timestamp                           (parseTimestamp)
   */
  async handleSupplierCreated(event: EventEnvelope<SupplierDocument>): Promise<void> {
    throw notImplemented('02-supplier', '5.3', 'SupplierConsumer.handleSupplierCreated');
  }

  /** Handles supplier.updated: the whole document again, so the same upsert as created. */
  async handleSupplierUpdated(event: EventEnvelope<SupplierDocument>): Promise<void> {
    throw notImplemented('02-supplier', '5.3', 'SupplierConsumer.handleSupplierUpdated');
  }

  /**
   * Handles supplier.deleted: calls this.dal.deleteSupplier(supplierId).
   *   supplierId <- event.data.supplier_id, or event.entity_id (they are the same)
   */
  async handleSupplierDeleted(event: EventEnvelope<SupplierDeletedData>): Promise<void> {
    throw notImplemented('02-supplier', '5.3', 'SupplierConsumer.handleSupplierDeleted');
  }

  /**
   * Maps EventType.SUPPLIER_CREATED, SUPPLIER_UPDATED and SUPPLIER_DELETED to the handlers above.
   * (As in kata 01: the framework calls each handler as a plain function.)
   */
  getHandlers(): HandlerMap {
    throw notImplemented('02-supplier', '5.3', 'SupplierConsumer.getHandlers');
  }
}
