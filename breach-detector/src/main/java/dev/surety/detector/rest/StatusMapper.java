package dev.surety.detector.rest;

import dev.surety.detector.BucketedWindow;
import dev.surety.detector.ObjectiveState;
import dev.surety.detector.Objectives;
import dev.surety.detector.Percent;
import dev.surety.detector.Period;
import dev.surety.detector.service.StatusService.AgreementState;
import dev.surety.events.AgreementSnapshot;
import dev.surety.events.ObjectiveSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** Maps stored objective state to the status API model. */
@ApplicationScoped
public class StatusMapper {

    public AgreementStatus toApi(AgreementState state, long nowMs) {
        AgreementSnapshot a = state.agreement();
        List<ObjectiveStatus> objectives = a.objectives().stream()
                .map(o -> objective(a, o, state.objectives().get(o.objectiveId()), nowMs))
                .toList();
        return new AgreementStatus(a.agreementId(), a.version(), a.tenant(), a.name(), Instant.ofEpochMilli(nowMs),
                objectives);
    }

    private ObjectiveStatus objective(AgreementSnapshot a, ObjectiveSpec o, ObjectiveState s, long nowMs) {
        boolean judgeable = Objectives.problem(a, o) == null;
        long streamTime = s == null ? ObjectiveState.NONE : s.streamTime();
        BucketedWindow w = s == null ? null : s.window();
        long good = w == null ? 0 : w.good();
        long total = w == null ? 0 : w.total();
        ObjectiveStatus.WindowStatus window = new ObjectiveStatus.WindowStatus(
                o.window() == null ? null : o.window().toString(),
                w == null || w.end() == BucketedWindow.NONE ? null : Instant.ofEpochMilli(w.coveredFrom()),
                w == null || w.end() == BucketedWindow.NONE ? null : Instant.ofEpochMilli(w.end()),
                good, total, total == 0 ? null : Percent.of(good, total),
                judgeable && o.threshold() != null && Percent.below(good, total, o.threshold()));
        ObjectiveStatus.OpenBreach breach = s == null || s.breachId() == null ? null
                : new ObjectiveStatus.OpenBreach(s.breachId(), Instant.ofEpochMilli(s.breachOpenedAt()));
        return new ObjectiveStatus(o.objectiveId(), o.name(), o.threshold(), o.target(),
                streamTime == ObjectiveState.NONE ? null : Instant.ofEpochMilli(streamTime),
                window, breach, judgeable ? period(a, o, s, Math.max(nowMs, streamTime)) : null);
    }

    private static ObjectiveStatus.PeriodStatus period(AgreementSnapshot a, ObjectiveSpec o, ObjectiveState s,
                                                       long at) {
        if (a.effectiveFrom() != null && at < a.effectiveFrom().toEpochMilli()) {
            return null;
        }
        Period p = Objectives.periodOf(a, o, at);
        ObjectiveState.Tally t = s == null ? null : s.openPeriod(p.start());
        long good = t == null ? 0 : t.good();
        long total = t == null ? 0 : t.total();
        return new ObjectiveStatus.PeriodStatus(p.startInstant(), p.endInstant(), good, total,
                total == 0 ? null : Percent.of(good, total));
    }
}
