/** Reference solution, exercise 5.2. */
import { getPool } from '../../../harness/db/pool.ts';
import { SUPPLIER_COLUMNS, type SupplierRow } from '../../../harness/events/supplier.ts';

export type { SupplierRow };

const INSERT_SUPPLIER = `
  INSERT INTO suppliers
    (supplier_id, email, phone,
     contact_person_name, contact_person_title, contact_person_email, contact_person_phone,
     legal_name, dba_name, tax_id, tax_id_country, company_type, website,
     street_line_1, street_line_2, city, state, zip_code, country,
     business_category, facebook_url, instagram_handle,
     created_at, updated_at, event_id, event_timestamp)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON DUPLICATE KEY UPDATE
    email = VALUES(email),
    phone = VALUES(phone),
    contact_person_name = VALUES(contact_person_name),
    contact_person_title = VALUES(contact_person_title),
    contact_person_email = VALUES(contact_person_email),
    contact_person_phone = VALUES(contact_person_phone),
    legal_name = VALUES(legal_name),
    dba_name = VALUES(dba_name),
    tax_id = VALUES(tax_id),
    tax_id_country = VALUES(tax_id_country),
    company_type = VALUES(company_type),
    website = VALUES(website),
    street_line_1 = VALUES(street_line_1),
    street_line_2 = VALUES(street_line_2),
    city = VALUES(city),
    state = VALUES(state),
    zip_code = VALUES(zip_code),
    country = VALUES(country),
    business_category = VALUES(business_category),
    facebook_url = VALUES(facebook_url),
    instagram_handle = VALUES(instagram_handle),
    updated_at = VALUES(updated_at),
    event_id = VALUES(event_id),
    event_timestamp = VALUES(event_timestamp)`;

export class SupplierDAL {
  async insertSupplier(supplier: SupplierRow): Promise<void> {
    // the values in the column list's order: the table's column order
    await getPool().execute(INSERT_SUPPLIER, SUPPLIER_COLUMNS.map((column) => supplier[column]));
  }

  async deleteSupplier(supplierId: string): Promise<void> {
    await getPool().execute('DELETE FROM suppliers WHERE supplier_id = ?', [supplierId]);
  }
}
