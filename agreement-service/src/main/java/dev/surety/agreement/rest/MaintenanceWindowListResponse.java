package dev.surety.agreement.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The maintenance windows of an agreement's current version. */
@Schema(name = "MaintenanceWindowList")
public record MaintenanceWindowListResponse(
        @Schema(description = "The version the windows belong to; also the ETag", examples = "4") int version,
        @Schema(description = "The agreement's minimum notice (ISO-8601)", examples = "PT168H") String minimumNotice,
        List<MaintenanceWindowView> items) {
}
