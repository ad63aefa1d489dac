-- Billing acknowledges an issued credit as applied (paid out on an invoice): ISSUED -> APPLIED,
-- recording when and by whom. Applying is idempotent, so the first acknowledgement is kept.
ALTER TABLE credit ADD COLUMN applied_at timestamptz;
ALTER TABLE credit ADD COLUMN applied_by text;
ALTER TABLE credit DROP CONSTRAINT credit_state_check;
ALTER TABLE credit ADD CONSTRAINT credit_state_check CHECK (state IN ('ISSUED', 'ENTITLED', 'APPLIED'));
ALTER TABLE credit ADD CONSTRAINT credit_applied_complete
    CHECK (state <> 'APPLIED' OR (applied_at IS NOT NULL AND applied_by IS NOT NULL));
-- statements select one tenant's credits by period
CREATE INDEX credit_tenant_period ON credit (tenant, period_start);
