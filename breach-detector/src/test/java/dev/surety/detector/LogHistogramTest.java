package dev.surety.detector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogHistogramTest {

    private static double exact(double[] sorted, double p) {
        int rank = (int) Math.max(1, Math.ceil(p / 100.0 * sorted.length - 1e-9));
        return sorted[rank - 1];
    }

    @Test
    void percentilesAreWithinOnePercentOfTheNearestRankValue() {
        Random random = new Random(42);
        double[] values = new double[20_000];
        LogHistogram h = new LogHistogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(random.nextGaussian() * 2 + 5);   // log-normal latencies
            h.add(values[i]);
        }
        Arrays.sort(values);
        for (double p : new double[] {50, 90, 95, 99, 99.9, 100}) {
            double want = exact(values, p);
            double got = h.percentile(p);
            assertTrue(Math.abs(got - want) <= want * LogHistogram.RELATIVE_ACCURACY + 1e-9,
                    "p" + p + ": " + got + " vs " + want);
        }
    }

    @Test
    void subtractingAMergedSketchRestoresTheOriginal() throws IOException {
        LogHistogram window = new LogHistogram();
        LogHistogram bucket = new LogHistogram();
        for (int i = 1; i <= 100; i++) {
            window.add(i);
        }
        for (int i = 0; i < 50; i++) {
            bucket.add(10_000 + i);
        }
        bucket.add(0);
        double before = window.percentile(95);
        window.merge(bucket);
        assertTrue(window.percentile(95) > 9_000);
        window.subtract(bucket);
        assertEquals(100, window.count());
        assertEquals(before, window.percentile(95));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bucket.writeTo(new DataOutputStream(bytes));
        LogHistogram back = LogHistogram.readFrom(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertEquals(51, back.count());
        assertEquals(0, back.percentile(1));
        assertEquals(bucket.percentile(50), back.percentile(50));
    }
}
