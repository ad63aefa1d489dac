package dev.surety.portal.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Server-rendered SVG line chart of attainment over time with the target as a dashed line. No
 * JavaScript; the figures are also in the page's tables, and the SVG carries a title and description.
 */
public final class ChartSvg {

    /** One point: when, and the percent at that moment. */
    public record Point(Instant at, BigDecimal percent) {
    }

    private static final int W = 640;
    private static final int H = 220;
    private static final int LEFT = 56;
    private static final int RIGHT = 12;
    private static final int TOP = 12;
    private static final int BOTTOM = 28;

    private ChartSvg() {
    }

    public static String render(String title, List<Point> points, BigDecimal target, Instant from, Instant to,
                                String fromLabel, String toLabel) {
        if (points.isEmpty() || from == null || to == null || !to.isAfter(from)) {
            return "";
        }
        double lo = Math.min(target == null ? 100 : target.doubleValue(),
                points.stream().mapToDouble(p -> p.percent().doubleValue()).min().orElse(100));
        // a floor that leaves the target line visible above the worst point
        double min = Math.max(0, Math.floor(lo - Math.max(0.5, (100 - lo) * 0.2)));
        double max = 100;
        double span = to.toEpochMilli() - from.toEpochMilli();
        StringBuilder path = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (Point p : points) {
            double x = LEFT + (W - LEFT - RIGHT) * Math.max(0, Math.min(1, (p.at().toEpochMilli() - from.toEpochMilli()) / span));
            double y = y(p.percent().doubleValue(), min, max);
            path.append(path.isEmpty() ? "M" : " L").append(f(x)).append(',').append(f(y));
            dots.append("<circle cx=\"").append(f(x)).append("\" cy=\"").append(f(y)).append("\" r=\"3\"/>");
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ").append(W).append(' ').append(H)
                .append("\" role=\"img\" aria-labelledby=\"chart-title\" xmlns=\"http://www.w3.org/2000/svg\">")
                .append("<title id=\"chart-title\">").append(escape(title)).append("</title>");
        for (double v : new double[] {min, (min + max) / 2, max}) {
            double y = y(v, min, max);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT)
                    .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>")
                    .append("<text class=\"axis\" x=\"").append(LEFT - 6).append("\" y=\"").append(f(y + 4))
                    .append("\" text-anchor=\"end\">").append(f(v)).append(" %</text>");
        }
        if (target != null) {
            double y = y(target.doubleValue(), min, max);
            svg.append("<line class=\"target\" x1=\"").append(LEFT).append("\" x2=\"").append(W - RIGHT)
                    .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>")
                    .append("<text class=\"target-label\" x=\"").append(W - RIGHT).append("\" y=\"").append(f(y - 4))
                    .append("\" text-anchor=\"end\">target ").append(target.stripTrailingZeros().toPlainString())
                    .append(" %</text>");
        }
        svg.append("<path class=\"series\" d=\"").append(path).append("\"/>")
                .append("<g class=\"dots\">").append(dots).append("</g>")
                .append("<text class=\"axis\" x=\"").append(LEFT).append("\" y=\"").append(H - 8).append("\">")
                .append(escape(fromLabel)).append("</text>")
                .append("<text class=\"axis\" x=\"").append(W - RIGHT).append("\" y=\"").append(H - 8)
                .append("\" text-anchor=\"end\">").append(escape(toLabel)).append("</text></svg>");
        return svg.toString();
    }

    private static double y(double v, double min, double max) {
        return TOP + (H - TOP - BOTTOM) * (1 - (v - min) / (max - min));
    }

    private static String f(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
