/**
 * Surety's event contracts: the records every service exchanges over Kafka, the CloudEvents
 * envelope they travel in, and the one catalog of topics. Nothing here holds behaviour beyond
 * encoding and decoding.
 */
package dev.surety.events;
