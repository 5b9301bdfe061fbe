-- The smallest schema any design needs to place an order against stock.
CREATE TABLE ceiling_stock (
    sku integer PRIMARY KEY,
    quantity numeric(20, 4) NOT NULL
);
CREATE TABLE ceiling_order (
    order_id bigserial PRIMARY KEY,
    customer_id integer NOT NULL,
    grand_total numeric(20, 4) NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE ceiling_order_item (
    item_id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES ceiling_order,
    sku integer NOT NULL,
    qty numeric(20, 4) NOT NULL,
    price numeric(20, 4) NOT NULL
);
CREATE TABLE ceiling_reservation (
    reservation_id bigserial PRIMARY KEY,
    sku integer NOT NULL,
    quantity numeric(20, 4) NOT NULL,
    order_id bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON ceiling_reservation (sku);
INSERT INTO ceiling_stock SELECT g, 1000000000 FROM generate_series(1, 10000) AS g;
ANALYZE ceiling_stock;
