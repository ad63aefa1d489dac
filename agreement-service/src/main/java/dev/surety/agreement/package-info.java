/**
 * agreement-service: owns service level agreements and their immutable versions, and announces
 * every version on the agreements topic through a transactional outbox. Domain types live here;
 * layers live in the sub-packages.
 */
package dev.surety.agreement;
