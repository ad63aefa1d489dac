package dev.surety.agreement.openslo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Collects import problems so one import reports all of them. */
final class Problems {

    private static final Pattern DOCUMENT = Pattern.compile("documents\\[(\\d+)]");

    private final List<ImportError> errors = new ArrayList<>();

    void add(String path, String message) {
        errors.add(new ImportError(path, message));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    int size() {
        return errors.size();
    }

    /** The problems by document (stream order), then in the order they were found. */
    List<ImportError> list() {
        List<ImportError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(e -> documentIndex(e.path())));
        return List.copyOf(sorted);
    }

    private static int documentIndex(String path) {
        Matcher m = DOCUMENT.matcher(path);
        return m.lookingAt() ? Integer.parseInt(m.group(1)) : -1;
    }
}
