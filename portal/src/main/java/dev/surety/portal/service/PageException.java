package dev.surety.portal.service;

/** A page that cannot be shown, with the status and the words the error page uses. */
public class PageException extends RuntimeException {

    private final int status;
    private final String title;

    public PageException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    /** Another tenant's item and a missing one look the same: nothing is revealed. */
    public static PageException notFound() {
        return new PageException(404, "Page not found",
                "There is nothing here for you. The address may be mistyped, or the item is not yours to see.");
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
