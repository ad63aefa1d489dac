/**
 * credit-service: turns FINAL compliance records into exactly one credit per agreement, objective
 * and period, keeps the ledger in PostgreSQL and publishes issued credits through an outbox.
 */
package dev.surety.credit;
