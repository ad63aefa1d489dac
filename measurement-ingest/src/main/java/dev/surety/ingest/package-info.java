/**
 * measurement-ingest: turns raw metric samples from monitoring agents into measurements attributed
 * to the objectives of the agreements in force, and dead-letters what it cannot accept.
 */
package dev.surety.ingest;
