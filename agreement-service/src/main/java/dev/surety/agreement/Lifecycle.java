package dev.surety.agreement;

import static dev.surety.events.AgreementStatus.ACTIVE;
import static dev.surety.events.AgreementStatus.DRAFT;
import static dev.surety.events.AgreementStatus.SUSPENDED;
import static dev.surety.events.AgreementStatus.TERMINATED;

import dev.surety.events.AgreementStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The allowed status transitions of an agreement. A draft is either activated or deleted (never
 * terminated: it never was in force); an active agreement can be suspended and resumed; only
 * termination is final.
 *
 * <pre>
 * DRAFT     -> ACTIVE
 * ACTIVE    -> SUSPENDED, TERMINATED
 * SUSPENDED -> ACTIVE, TERMINATED
 * TERMINATED (final)
 * </pre>
 */
public final class Lifecycle {

    private static final Map<AgreementStatus, List<AgreementStatus>> ALLOWED = new EnumMap<>(Map.of(
            DRAFT, List.of(ACTIVE),
            ACTIVE, List.of(SUSPENDED, TERMINATED),
            SUSPENDED, List.of(ACTIVE, TERMINATED),
            TERMINATED, List.of()));

    /** The statuses a new agreement may start in. */
    public static final Set<AgreementStatus> INITIAL = Set.of(DRAFT, ACTIVE);

    private Lifecycle() {
    }

    /** The statuses an agreement in {@code from} may move to, in a stable order. */
    public static List<AgreementStatus> allowedFrom(AgreementStatus from) {
        return ALLOWED.get(from);
    }

    public static boolean allows(AgreementStatus from, AgreementStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /**
     * Refuses a transition the lifecycle does not allow.
     *
     * @throws LifecycleConflictException naming the allowed transitions from {@code from}
     */
    public static void check(AgreementStatus from, AgreementStatus to) {
        if (!allows(from, to)) {
            throw new LifecycleConflictException("cannot change from " + from + " to " + to + "; " + describe(from));
        }
    }

    /** "allowed from X: A, B", in words a client can act on. */
    public static String describe(AgreementStatus from) {
        List<AgreementStatus> next = ALLOWED.get(from);
        String moves = next.isEmpty() ? "none (" + from + " is final)"
                : next.stream().map(Enum::name).collect(Collectors.joining(", "));
        return "allowed from " + from + ": " + moves + (from == DRAFT ? " (or DELETE the draft)" : "");
    }
}
