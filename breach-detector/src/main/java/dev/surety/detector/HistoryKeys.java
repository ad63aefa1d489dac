package dev.surety.detector;

/**
 * Keys of the period-history stores. A bucket is keyed
 * {@code agreementId/objectiveId/<periodStart>/<hourIndex>}, an episode
 * {@code agreementId/objectiveId/<start>/<episodeId>}, with the numbers zero-padded to a fixed width
 * so that the keys of one objective (and of one of its periods) are adjacent and in time order, and
 * a prefix scan finds them. Ids may contain {@code /}: a key belongs to an objective only when what
 * follows the objective's prefix has exactly the fixed suffix length.
 */
public final class HistoryKeys {

    /** One hour in milliseconds: the width of a history bucket. */
    public static final long HOUR_MS = 3_600_000L;
    /** Digits of a period start or an episode start (epoch milliseconds). */
    static final int TIME_DIGITS = 15;
    /** Digits of an hour index inside a period (up to 114 years of hours). */
    static final int HOUR_DIGITS = 6;
    /** Length of a bucket key after the objective key: {@code /<start>/<hour>}. */
    static final int BUCKET_SUFFIX = 1 + TIME_DIGITS + 1 + HOUR_DIGITS;
    private static final long MAX_TIME = 999_999_999_999_999L;
    private static final long MAX_HOUR = 999_999L;

    private HistoryKeys() {
    }

    /** Whether a period start and hour index can be written as a key (not before 1970, not absurdly long). */
    public static boolean representable(long periodStart, long hourIndex) {
        return periodStart >= 0 && periodStart <= MAX_TIME && hourIndex >= 0 && hourIndex <= MAX_HOUR;
    }

    /** The key of one hour bucket. */
    public static String bucket(String objectiveKey, long periodStart, long hourIndex) {
        StringBuilder b = new StringBuilder(objectiveKey.length() + BUCKET_SUFFIX);
        b.append(objectiveKey).append('/');
        pad(b, periodStart, TIME_DIGITS);
        b.append('/');
        pad(b, hourIndex, HOUR_DIGITS);
        return b.toString();
    }

    /** Prefix of every key of an objective, in either store. */
    public static String objectivePrefix(String objectiveKey) {
        return objectiveKey + "/";
    }

    /** Prefix of the bucket keys of one period of an objective. */
    public static String periodPrefix(String objectiveKey, long periodStart) {
        StringBuilder b = new StringBuilder(objectiveKey.length() + 2 + TIME_DIGITS);
        b.append(objectiveKey).append('/');
        pad(b, periodStart, TIME_DIGITS);
        return b.append('/').toString();
    }

    /** The period start of a bucket key of this objective, or -1 when the key is another objective's. */
    public static long bucketPeriodStart(String key, String objectiveKey) {
        if (!isBucketOf(key, objectiveKey)) {
            return -1;
        }
        int from = objectiveKey.length() + 1;
        return Long.parseLong(key, from, from + TIME_DIGITS, 10);
    }

    /** The hour index of a bucket key of this objective, or -1 when the key is another objective's. */
    public static long bucketHour(String key, String objectiveKey) {
        if (!isBucketOf(key, objectiveKey)) {
            return -1;
        }
        int from = objectiveKey.length() + 2 + TIME_DIGITS;
        return Long.parseLong(key, from, from + HOUR_DIGITS, 10);
    }

    private static boolean isBucketOf(String key, String objectiveKey) {
        return key.length() == objectiveKey.length() + BUCKET_SUFFIX && key.startsWith(objectiveKey)
                && key.charAt(objectiveKey.length()) == '/' && key.charAt(objectiveKey.length() + 1 + TIME_DIGITS) == '/';
    }

    /** The key of an episode starting at {@code start} (clamped at 0 for the ordering only). */
    public static String episode(String objectiveKey, long start, String episodeId) {
        StringBuilder b = new StringBuilder(objectiveKey.length() + 2 + TIME_DIGITS + episodeId.length());
        b.append(objectiveKey).append('/');
        pad(b, Math.max(0, Math.min(MAX_TIME, start)), TIME_DIGITS);
        return b.append('/').append(episodeId).toString();
    }

    /** Whether an episode key (whose value names {@code episodeId}) belongs to this objective. */
    public static boolean isEpisodeOf(String key, String objectiveKey, String episodeId) {
        return key.length() == objectiveKey.length() + 2 + TIME_DIGITS + episodeId.length()
                && key.startsWith(objectiveKey) && key.endsWith(episodeId);
    }

    private static void pad(StringBuilder b, long v, int width) {
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }
}
