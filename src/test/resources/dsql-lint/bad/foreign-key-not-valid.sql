-- A foreign key added to an existing table and validated at once: DSQL wants NOT VALID, then a separate
-- ALTER TABLE ASYNC ... VALIDATE CONSTRAINT.
ALTER TABLE parcel ADD CONSTRAINT parcel_order_fk FOREIGN KEY (order_id) REFERENCES customer_order (id);
