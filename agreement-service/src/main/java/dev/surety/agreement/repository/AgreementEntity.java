package dev.surety.agreement.repository;

import dev.surety.events.AgreementStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The identity of an agreement and the few facts of its current version needed to find it
 * (tenant, status, names). The terms themselves live only in {@link AgreementVersionEntity}.
 */
@Entity
@Table(name = "agreement")
public class AgreementEntity {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String tenant;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String provider;

    @Column(nullable = false)
    public String service;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgreementStatus status;

    @Column(name = "current_version", nullable = false)
    public int currentVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
