/** Reference solution, exercise 5.1. */
export const tables: string[] = [
  `CREATE TABLE IF NOT EXISTS products (
     product_id      VARCHAR(24)   NOT NULL,
     supplier_id     VARCHAR(24)   NOT NULL,
     name            VARCHAR(255)  NOT NULL,
     description     TEXT          NULL,
     category        VARCHAR(100)  NULL,
     brand           VARCHAR(100)  NULL,
     status          VARCHAR(20)   NOT NULL,
     price           DECIMAL(10,2) NOT NULL,
     currency        VARCHAR(3)    NOT NULL,
     attributes_json JSON          NULL,
     created_at      DATETIME(6)   NOT NULL,
     updated_at      DATETIME(6)   NOT NULL,
     event_id        VARCHAR(36)   NOT NULL,
     event_timestamp DATETIME(6)   NOT NULL,
     PRIMARY KEY (product_id),
     INDEX idx_products_supplier (supplier_id)
   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  `CREATE TABLE IF NOT EXISTS product_variants (
     id              BIGINT        NOT NULL AUTO_INCREMENT,
     product_id      VARCHAR(24)   NOT NULL,
     variant_key     VARCHAR(100)  NOT NULL,
     sku             VARCHAR(64)   NOT NULL,
     name            VARCHAR(255)  NULL,
     price           DECIMAL(10,2) NULL,
     stock           INT           NOT NULL,
     is_active       BOOLEAN       NOT NULL,
     attributes_json JSON          NULL,
     PRIMARY KEY (id),
     UNIQUE KEY uq_product_variants_key (product_id, variant_key),
     CONSTRAINT fk_product_variants_product FOREIGN KEY (product_id)
       REFERENCES products (product_id) ON DELETE CASCADE
   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
];
