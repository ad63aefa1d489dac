package dev.surety.agreement;

/**
 * The client's If-Match names a version that is no longer the current one: someone else changed
 * the agreement since the client read it. Reported as 412; the client must read and retry.
 */
public class VersionMismatchException extends RuntimeException {

    private final int expected;

    public VersionMismatchException(int expected) {
        super("agreement is no longer at version " + expected);
        this.expected = expected;
    }

    /** The version the client expected. */
    public int expected() {
        return expected;
    }
}
