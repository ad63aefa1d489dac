package dev.surety.ingest.messaging;

import dev.surety.ingest.service.RejectionCategory;
import java.util.EnumMap;
import java.util.Map;

/** Records what the topology reports, for assertions. */
final class CountingListener implements IngestListener {

    int received;
    int produced;
    int unmatched;
    int excluded;
    int duplicates;
    final Map<RejectionCategory, Integer> deadLettered = new EnumMap<>(RejectionCategory.class);

    @Override
    public void received() {
        received++;
    }

    @Override
    public void produced(int count) {
        produced += count;
    }

    @Override
    public void unmatched(int count) {
        unmatched += count;
    }

    @Override
    public void deadLettered(RejectionCategory category) {
        deadLettered.merge(category, 1, Integer::sum);
    }

    @Override
    public void excluded(int count) {
        excluded += count;
    }

    @Override
    public void duplicates(int count) {
        duplicates += count;
    }

    int rejected(RejectionCategory category) {
        return deadLettered.getOrDefault(category, 0);
    }
}
