package dev.surety.agreement;

/** The agreement (visible to the caller) has no maintenance window with this id in its current version. */
public class MaintenanceWindowNotFoundException extends RuntimeException {

    public MaintenanceWindowNotFoundException(String windowId) {
        super("no maintenance window " + windowId);
    }
}
