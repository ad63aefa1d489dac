-- Issue 6, second part: per-objective lines, agreement-level credits across objectives, the
-- minimum credit, late-data adjustments with history, and claims.

-- The latest figures per agreement, objective and period. A FINAL line is replaced only by a later
-- FINAL record (late data); a PROVISIONAL line never replaces a FINAL one. Statements read it.
CREATE TABLE objective_line (
    agreement_id       text        NOT NULL,
    objective_id       text        NOT NULL,
    period_start       timestamptz NOT NULL,
    period_end         timestamptz,
    tenant             text,
    agreement_version  integer     NOT NULL,
    status             text        NOT NULL CHECK (status IN ('PROVISIONAL', 'FINAL')),
    good               bigint      NOT NULL,
    total              bigint      NOT NULL,
    attainment         numeric     NOT NULL,
    target             numeric,
    excluded_seconds   bigint,
    breaches           integer,
    -- what this objective earns on its own (after the cap, before aggregation and the minimum)
    tier_below_percent numeric,
    credit_percent     numeric,
    compliance_id      text        NOT NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (agreement_id, objective_id, period_start)
);
CREATE INDEX objective_line_tenant_period ON objective_line (tenant, period_start);

-- A ledger row may now be below the minimum (amount 0, computed_amount says what it would have
-- been), voided by late data before it was ever published, or adjusted to 0 after it was.
ALTER TABLE credit DROP CONSTRAINT credit_amount_check;
ALTER TABLE credit ADD CONSTRAINT credit_amount_check CHECK (amount >= 0);
ALTER TABLE credit ALTER COLUMN tier_below_percent DROP NOT NULL;
ALTER TABLE credit ALTER COLUMN credit_percent DROP NOT NULL;
ALTER TABLE credit DROP CONSTRAINT credit_state_check;
ALTER TABLE credit ADD CONSTRAINT credit_state_check
    CHECK (state IN ('ENTITLED', 'CLAIMED', 'ISSUED', 'APPLIED', 'BELOW_MINIMUM', 'VOIDED'));
ALTER TABLE credit ADD COLUMN computed_amount numeric;
ALTER TABLE credit ADD COLUMN reason text;
ALTER TABLE credit ADD COLUMN aggregation text;
ALTER TABLE credit ADD COLUMN claim_deadline timestamptz;
ALTER TABLE credit ADD COLUMN claimed_at timestamptz;
ALTER TABLE credit ADD COLUMN claimed_by text;
-- the claim's id (derived from the idempotency key), set when the customer claims
ALTER TABLE credit ADD COLUMN claim_id uuid UNIQUE;
ALTER TABLE credit ADD COLUMN updated_at timestamptz;
UPDATE credit SET computed_amount = amount, updated_at = created_at;
-- claims look a credit up by agreement and period
CREATE INDEX credit_agreement_period ON credit (agreement_id, period_start);
CREATE INDEX credit_claimed ON credit (tenant, claimed_at) WHERE claimed_at IS NOT NULL;

-- Every change of a ledger row: creation, late-data recomputation, claim, issue.
CREATE TABLE credit_history (
    seq             bigserial   PRIMARY KEY,
    credit_id       uuid        NOT NULL REFERENCES credit (credit_id),
    at              timestamptz NOT NULL,
    previous_state  text,
    new_state       text        NOT NULL,
    previous_amount numeric,
    new_amount      numeric     NOT NULL,
    reason          text        NOT NULL,
    compliance_id   text
);
CREATE INDEX credit_history_credit ON credit_history (credit_id, seq);
