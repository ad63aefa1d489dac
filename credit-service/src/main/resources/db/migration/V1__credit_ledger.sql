-- credit-service schema: what it learned (agreement versions, compliance records), what it owes
-- (the credit ledger) and what it still has to tell billing (the outbox).

-- Every agreement version ever seen on the agreements topic, as published. Versions are immutable,
-- so a redelivered snapshot is ignored (ON CONFLICT DO NOTHING on the primary key).
CREATE TABLE agreement_snapshot (
    agreement_id text        NOT NULL,
    version      integer     NOT NULL,
    tenant       text        NOT NULL,
    document     jsonb       NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    -- set on every version when a tombstone arrives; kept, because credits already owed stay owed
    deleted_at   timestamptz,
    PRIMARY KEY (agreement_id, version)
);

-- Every compliance record received, once per record id, with what was done about it.
CREATE TABLE compliance_record (
    id                text        PRIMARY KEY,
    seq               bigserial   NOT NULL UNIQUE,
    agreement_id      text        NOT NULL,
    agreement_version integer     NOT NULL,
    objective_id      text        NOT NULL,
    tenant            text,
    period_start      timestamptz NOT NULL,
    period_end        timestamptz,
    good              bigint      NOT NULL,
    total             bigint      NOT NULL,
    attainment        numeric,
    status            text        NOT NULL,
    document          jsonb       NOT NULL,
    received_at       timestamptz NOT NULL,
    outcome           text        NOT NULL,
    processed_at      timestamptz,
    credit_id         uuid
);
-- FINAL records waiting for their agreement
CREATE INDEX compliance_record_pending ON compliance_record (agreement_id, seq)
    WHERE outcome = 'PENDING_AGREEMENT';

-- The ledger: at most one credit per agreement, objective and period, enforced by idempotency_key.
CREATE TABLE credit (
    credit_id          uuid        PRIMARY KEY,
    idempotency_key    text        NOT NULL UNIQUE,
    agreement_id       text        NOT NULL,
    agreement_version  integer     NOT NULL,
    objective_id       text        NOT NULL,
    tenant             text        NOT NULL,
    period_start       timestamptz NOT NULL,
    period_end         timestamptz,
    attainment         numeric     NOT NULL,
    tier_below_percent numeric     NOT NULL,
    credit_percent     numeric     NOT NULL,
    -- exact decimal at the currency's scale, never floating point
    amount             numeric     NOT NULL CHECK (amount > 0),
    currency           char(3)     NOT NULL,
    state              text        NOT NULL CHECK (state IN ('ISSUED', 'ENTITLED')),
    compliance_id      text        NOT NULL,
    created_at         timestamptz NOT NULL
);
CREATE INDEX credit_tenant_created ON credit (tenant, created_at, credit_id);
CREATE INDEX credit_agreement ON credit (agreement_id);

-- Transactional outbox: written in the ledger's transaction, published by the relay in seq order.
CREATE TABLE outbox (
    seq           bigserial   PRIMARY KEY,
    event_id      uuid        NOT NULL UNIQUE,
    event_type    text        NOT NULL,
    event_key     text        NOT NULL,
    subject       text,
    payload       bytea       NOT NULL,
    occurred_at   timestamptz NOT NULL,
    published_at  timestamptz
);
CREATE INDEX outbox_unpublished ON outbox (seq) WHERE published_at IS NULL;
