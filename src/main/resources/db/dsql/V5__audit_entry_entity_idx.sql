-- The audit trail of one entity.
CREATE INDEX ${async} audit_entry_entity_idx ON audit_entry (entity_type, entity_id);
