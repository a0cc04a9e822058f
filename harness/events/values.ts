/**
 * Value types that several domains' documents carry besides text and timestamps. Complete: read
 * it, don't edit it.
 */

/**
 * An amount of money as text with a decimal point: '24.50', '0.99', '1200.00'. The backend sends
 * money as text, never as a JSON number: a JSON number is read as a binary double, and most
 * cents (0.10, 0.20, ...) have no exact double. A DECIMAL column stores the text exactly, and
 * mysql2 returns a DECIMAL as text again (never as a number), with all its decimals: a
 * DECIMAL(10,2) holding 24.5 comes back as '24.50'.
 */
export type DecimalText = string;

/** A JSON value as JSON.parse returns it: what free-form documents (JSON columns) hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
