-- agreement-service schema, version 1: agreements, their immutable versions, and the outbox.

-- One row per agreement: identity plus the facts of the current version that queries filter on.
CREATE TABLE agreement (
    id              uuid        PRIMARY KEY,
    tenant          text        NOT NULL,
    name            text        NOT NULL,
    provider        text        NOT NULL,
    service         text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'SUSPENDED', 'TERMINATED')),
    current_version integer     NOT NULL CHECK (current_version > 0),
    created_at      timestamptz NOT NULL,
    created_by      text        NOT NULL,
    updated_at      timestamptz NOT NULL
);

-- Listing: a tenant's agreements (customers, and the customer filter) newest first.
CREATE INDEX agreement_tenant_created_idx ON agreement (tenant, created_at DESC, id);
-- Listing across tenants (provider staff) newest first.
CREATE INDEX agreement_created_idx ON agreement (created_at DESC, id);

-- Every version ever written. The terms are the JSON document of the version (name, parties,
-- dates, time zone, objectives, compensation) in the same shape as the published snapshot.
CREATE TABLE agreement_version (
    -- Deferred like the reverse key below: the two rows of a new agreement are checked at commit,
    -- whatever order they are inserted in.
    agreement_id uuid        NOT NULL REFERENCES agreement (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    version      integer     NOT NULL CHECK (version > 0),
    status       text        NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'SUSPENDED', 'TERMINATED')),
    terms        jsonb       NOT NULL CHECK (jsonb_typeof(terms) = 'object'),
    created_at   timestamptz NOT NULL,
    created_by   text        NOT NULL,
    PRIMARY KEY (agreement_id, version)
);

-- A version is evidence of what was promised: it is never rewritten. A change writes a new version.
CREATE FUNCTION agreement_version_immutable() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'agreement_version rows are immutable (agreement %, version %)', OLD.agreement_id, OLD.version
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER agreement_version_no_update
    BEFORE UPDATE ON agreement_version
    FOR EACH ROW EXECUTE FUNCTION agreement_version_immutable();

-- The current version must exist (checked at commit, so both rows can be inserted in one transaction).
ALTER TABLE agreement
    ADD CONSTRAINT agreement_current_version_fk FOREIGN KEY (id, current_version)
        REFERENCES agreement_version (agreement_id, version) DEFERRABLE INITIALLY DEFERRED;

-- Transactional outbox: events written in the same transaction as the change they announce, and
-- relayed to Kafka in seq order by the service's relay.
CREATE TABLE outbox_event (
    id             uuid        PRIMARY KEY,
    seq            bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    aggregate_type text        NOT NULL,
    aggregate_id   text        NOT NULL,
    event_type     text        NOT NULL,
    event_time     timestamptz NOT NULL,
    payload        text        NOT NULL,
    created_at     timestamptz NOT NULL,
    published_at   timestamptz
);

-- The relay's query: the oldest unpublished events.
CREATE INDEX outbox_event_unpublished_idx ON outbox_event (seq) WHERE published_at IS NULL;
-- The purge of published events past retention.
CREATE INDEX outbox_event_published_idx ON outbox_event (published_at) WHERE published_at IS NOT NULL;
