-- agreement-service schema, version 2: lifecycle and deletion of drafts.

-- A deleted draft is announced as a tombstone: a record with a null value (so the compacted topic
-- forgets the agreement). Its outbox row has no payload.
ALTER TABLE outbox_event ALTER COLUMN payload DROP NOT NULL;
ALTER TABLE outbox_event ADD CONSTRAINT outbox_event_payload_or_tombstone
    CHECK (payload IS NOT NULL OR event_type = 'tombstone');

-- List filters by status and by service.
CREATE INDEX agreement_status_idx ON agreement (status);
CREATE INDEX agreement_service_idx ON agreement (service);
