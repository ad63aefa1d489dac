package dev.surety.agreement;

/** A new maintenance window would reuse the id of one the agreement already has. Reported as 409. */
public class MaintenanceWindowConflictException extends RuntimeException {

    private final String windowId;

    public MaintenanceWindowConflictException(String windowId) {
        super("maintenance window " + windowId + " already exists");
        this.windowId = windowId;
    }

    public String windowId() {
        return windowId;
    }
}
