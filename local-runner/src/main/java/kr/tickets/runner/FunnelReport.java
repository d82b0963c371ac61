package kr.tickets.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The booking funnel of a local run, from the EMF lines the functions printed ({@link OutputTap}
 * keeps them in {@code target/local-metrics/emf-*.jsonl}): holds → payments approved → bookings
 * confirmed → cancelled and refunded, the conflict ratio (HoldConflicted / (HoldSucceeded +
 * HoldConflicted)), the payment success ratio (PaymentApproved / (PaymentApproved +
 * PaymentDeclined + PaymentErrored)), 429s by route, refunds, and a few metrics per minute, as
 * one self-contained HTML page (inline SVG, nothing fetched).
 *
 * <pre>{@code java -cp local-runner/target/local-runner.jar kr.tickets.runner.FunnelReport [emf.jsonl] [report.html]}</pre>
 */
public final class FunnelReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The funnel's steps, in order, with what the page calls them. */
    private static final Map<String, String> FUNNEL = linked("HoldSucceeded", "Seats held",
            "PaymentApproved", "Payments approved", "BookingConfirmed", "Bookings confirmed",
            "BookingCancelled", "Bookings cancelled", "RefundDone", "Refunds done");
    private static final Map<String, String> REFUNDS = linked("RefundDone", "Done", "RefundPending",
            "Retries scheduled", "RefundFailed", "Failed (operator)");
    /** The metrics drawn per minute, with their colours. */
    private static final Map<String, String> PER_MINUTE = linked("HoldSucceeded", "#2f7ed8",
            "HoldConflicted", "#f28f43", "BookingConfirmed", "#2ca02c", "RateLimited", "#d62728");
    private static final int MINUTES_SHOWN = 60;

    private final Map<String, Double> totals;
    private final Map<String, Double> rateLimitedByRoute;
    private final TreeMap<Instant, Map<String, Double>> perMinute;
    private final int lines;

    private FunnelReport(Map<String, Double> totals, Map<String, Double> rateLimitedByRoute,
                         TreeMap<Instant, Map<String, Double>> perMinute, int lines) {
        this.totals = totals;
        this.rateLimitedByRoute = rateLimitedByRoute;
        this.perMinute = perMinute;
        this.lines = lines;
    }

    /** The report of an EMF file (lines that are not EMF documents are skipped). */
    public static FunnelReport read(Path emf) throws IOException {
        try (Stream<String> lines = Files.lines(emf, StandardCharsets.UTF_8)) {
            return of(lines.toList());
        }
    }

    /** The report of EMF lines, one JSON document each. */
    public static FunnelReport of(List<String> emfLines) {
        Map<String, Double> totals = new TreeMap<>();
        Map<String, Double> byRoute = new TreeMap<>();
        TreeMap<Instant, Map<String, Double>> perMinute = new TreeMap<>();
        int read = 0;
        for (String line : emfLines) {
            JsonNode document;
            try {
                document = line.isBlank() ? null : JSON.readTree(line);
            } catch (IOException notJson) {
                document = null;
            }
            if (document == null || !document.has("_aws")) {
                continue;
            }
            read++;
            Instant minute = Instant.ofEpochMilli(document.at("/_aws/Timestamp").asLong()).truncatedTo(ChronoUnit.MINUTES);
            for (JsonNode directive : document.at("/_aws/CloudWatchMetrics")) {
                for (JsonNode metric : directive.path("Metrics")) {
                    String name = metric.path("Name").asText();
                    double value = document.path(name).asDouble();
                    totals.merge(name, value, Double::sum);
                    perMinute.computeIfAbsent(minute, m -> new TreeMap<>()).merge(name, value, Double::sum);
                    if (document.has("Route")) {
                        byRoute.merge(document.get("Route").asText(), value, Double::sum);
                    }
                }
            }
        }
        return new FunnelReport(totals, byRoute, perMinute, read);
    }

    /** The sum of every data point of {@code metric}; 0 when it never appeared. */
    public double total(String metric) {
        return totals.getOrDefault(metric, 0.0);
    }

    /** HoldConflicted / (HoldSucceeded + HoldConflicted); empty without a hold attempt. */
    public OptionalDouble conflictRatio() {
        return ratio(total("HoldConflicted"), total("HoldSucceeded") + total("HoldConflicted"));
    }

    /** PaymentApproved / (PaymentApproved + PaymentDeclined + PaymentErrored); empty without a payment. */
    public OptionalDouble paymentSuccessRatio() {
        double approved = total("PaymentApproved");
        return ratio(approved, approved + total("PaymentDeclined") + total("PaymentErrored"));
    }

    /** The 429s of the application's rate limit by route (RateLimited's Route dimension). */
    public Map<String, Double> rateLimitedByRoute() {
        return Map.copyOf(rateLimitedByRoute);
    }

    /** The metrics of each minute that had any. */
    public Map<Instant, Map<String, Double>> perMinute() {
        return perMinute;
    }

    /** One line for the console: the funnel and both ratios. */
    public String summary() {
        return String.format(Locale.ROOT, "funnel: held %s -> approved %s -> booked %s -> cancelled %s / refunded %s"
                        + " | conflict ratio %s | payment success %s | 429s %s",
                count(total("HoldSucceeded")), count(total("PaymentApproved")), count(total("BookingConfirmed")),
                count(total("BookingCancelled")), count(total("RefundDone")), percent(conflictRatio()),
                percent(paymentSuccessRatio()), count(total("RateLimited")));
    }

    /** The page: self-contained HTML with inline SVG charts. */
    public String html(String source, Instant generatedAt) {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Ticketing — local funnel report</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:960px}")
                .append("h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}")
                .append(".cards{display:flex;gap:1rem}.card{border:1px solid #ddd;border-radius:8px;padding:1rem;")
                .append("min-width:12rem}.big{font-size:2rem;font-weight:600}.muted{color:#777;font-size:.85rem}")
                .append("table{border-collapse:collapse}td,th{padding:.2rem .8rem;border-bottom:1px solid #eee;")
                .append("text-align:left}td.n{text-align:right}</style></head><body>\n");
        page.append("<h1>Local funnel report</h1><p class=\"muted\">").append(escape(source)).append(" · ")
                .append(lines).append(" data points · generated ").append(generatedAt).append("</p>\n");
        page.append("<div class=\"cards\">")
                .append(card("Conflict ratio", percent(conflictRatio()), "HoldConflicted / (HoldSucceeded + HoldConflicted) = "
                        + count(total("HoldConflicted")) + " / " + count(total("HoldSucceeded") + total("HoldConflicted"))))
                .append(card("Payment success ratio", percent(paymentSuccessRatio()),
                        "PaymentApproved / (Approved + Declined + Errored) = " + count(total("PaymentApproved")) + " / "
                                + count(total("PaymentApproved") + total("PaymentDeclined") + total("PaymentErrored"))))
                .append("</div>\n");
        page.append("<h2>Funnel</h2>\n").append(bars(labelled(FUNNEL), "#2f7ed8"));
        page.append("<h2>429s by route</h2>\n").append(rateLimitedByRoute.isEmpty() ? "<p class=\"muted\">none</p>\n"
                : bars(rateLimitedByRoute, "#d62728"));
        page.append("<h2>Refunds</h2>\n").append(bars(labelled(REFUNDS), "#9467bd"));
        page.append("<h2>Per minute</h2>\n").append(minutes());
        page.append("<h2>Every metric</h2>\n<table><tr><th>metric</th><th>total</th></tr>");
        totals.forEach((name, value) -> page.append("<tr><td>").append(escape(name)).append("</td><td class=\"n\">")
                .append(count(value)).append("</td></tr>"));
        page.append("</table>\n</body></html>\n");
        return page.toString();
    }

    /** Writes the page next to nothing else it needs; answers where. */
    public Path write(Path html, String source) throws IOException {
        Files.createDirectories(html.toAbsolutePath().getParent());
        Files.writeString(html, html(source, Instant.now().truncatedTo(ChronoUnit.SECONDS)), StandardCharsets.UTF_8);
        return html;
    }

    /** The newest EMF file of {@code dir}, if any. */
    static Optional<Path> newest(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("emf-.*\\.jsonl"))
                    .max(Comparator.comparing(f -> f.toFile().lastModified()));
        }
    }

    /** The report's file for an EMF file: beside it, same name, {@code .html}. */
    static Path htmlFor(Path emf) {
        return emf.resolveSibling(emf.getFileName().toString().replaceFirst("\\.jsonl$", "") + ".html");
    }

    public static void main(String[] args) throws IOException {
        Path emf = args.length > 0 ? Path.of(args[0]) : newest(OutputTap.METRICS_DIR).orElseThrow(() ->
                new IllegalStateException("no EMF file in " + OutputTap.METRICS_DIR.toAbsolutePath()
                        + ": run ./run.sh (or an E2E test) first, or name the file"));
        Path html = args.length > 1 ? Path.of(args[1]) : htmlFor(emf);
        FunnelReport report = read(emf);
        report.write(html, emf.toString());
        System.out.println(report.summary());
        System.out.println("report: " + html.toAbsolutePath().toUri());
    }

    // --- drawing ------------------------------------------------------------------------------

    private Map<String, Double> labelled(Map<String, String> names) {
        Map<String, Double> out = new LinkedHashMap<>();
        names.forEach((metric, label) -> out.put(label, total(metric)));
        return out;
    }

    /** Horizontal bars, one a row, each with its label and value. */
    private static String bars(Map<String, Double> rows, String colour) {
        double max = rows.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        int rowHeight = 28;
        int width = 720;
        int labelWidth = 180;
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width
                + "\" height=\"" + (rows.size() * rowHeight + 4) + "\" role=\"img\">");
        int y = 0;
        for (Map.Entry<String, Double> row : rows.entrySet()) {
            double length = max == 0 ? 0 : (width - labelWidth - 80) * row.getValue() / max;
            svg.append("<text x=\"0\" y=\"").append(y + 18).append("\" font-size=\"13\">").append(escape(row.getKey()))
                    .append("</text><rect x=\"").append(labelWidth).append("\" y=\"").append(y + 4)
                    .append("\" height=\"18\" width=\"").append(String.format(Locale.ROOT, "%.1f", length))
                    .append("\" fill=\"").append(colour).append("\"/><text x=\"")
                    .append(String.format(Locale.ROOT, "%.1f", labelWidth + length + 6)).append("\" y=\"")
                    .append(y + 18).append("\" font-size=\"13\">").append(count(row.getValue())).append("</text>");
            y += rowHeight;
        }
        return svg.append("</svg>\n").toString();
    }

    /** Grouped bars per minute (the last {@value #MINUTES_SHOWN} minutes with data) and a legend. */
    private String minutes() {
        if (perMinute.isEmpty()) {
            return "<p class=\"muted\">no data</p>\n";
        }
        List<Map.Entry<Instant, Map<String, Double>>> shown = new ArrayList<>(perMinute.entrySet());
        shown = shown.subList(Math.max(0, shown.size() - MINUTES_SHOWN), shown.size());
        double max = shown.stream().flatMap(e -> PER_MINUTE.keySet().stream().map(m -> e.getValue().getOrDefault(m, 0.0)))
                .mapToDouble(Double::doubleValue).max().orElse(0);
        int plot = 160;
        int group = Math.max(24, Math.min(60, 720 / shown.size()));
        int bar = Math.max(3, (group - 6) / PER_MINUTE.size());
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""
                + (shown.size() * group + 10) + "\" height=\"" + (plot + 40) + "\" role=\"img\">");
        int x = 0;
        for (Map.Entry<Instant, Map<String, Double>> minute : shown) {
            int i = 0;
            for (Map.Entry<String, String> metric : PER_MINUTE.entrySet()) {
                double value = minute.getValue().getOrDefault(metric.getKey(), 0.0);
                double height = max == 0 ? 0 : plot * value / max;
                svg.append("<rect x=\"").append(x + i * bar).append("\" y=\"")
                        .append(String.format(Locale.ROOT, "%.1f", plot - height)).append("\" width=\"").append(bar - 1)
                        .append("\" height=\"").append(String.format(Locale.ROOT, "%.1f", height)).append("\" fill=\"")
                        .append(metric.getValue()).append("\"><title>").append(metric.getKey()).append(' ')
                        .append(minute.getKey()).append(": ").append(count(value)).append("</title></rect>");
                i++;
            }
            svg.append("<text x=\"").append(x).append("\" y=\"").append(plot + 14).append("\" font-size=\"10\">")
                    .append(minute.getKey().toString(), 11, 16).append("</text>");
            x += group;
        }
        svg.append("</svg>\n<p class=\"muted\">");
        PER_MINUTE.forEach((metric, colour) -> svg.append("<span style=\"color:").append(colour).append("\">■</span> ")
                .append(metric).append(" &nbsp; "));
        return svg.append("(UTC; highest bar ").append(count(max)).append(")</p>\n").toString();
    }

    private static String card(String title, String value, String detail) {
        return "<div class=\"card\"><div>" + escape(title) + "</div><div class=\"big\">" + escape(value)
                + "</div><div class=\"muted\">" + escape(detail) + "</div></div>";
    }

    private static OptionalDouble ratio(double part, double whole) {
        return whole == 0 ? OptionalDouble.empty() : OptionalDouble.of(part / whole);
    }

    static String percent(OptionalDouble ratio) {
        return ratio.isPresent() ? String.format(Locale.ROOT, "%.1f%%", ratio.getAsDouble() * 100) : "n/a";
    }

    static String count(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Map<String, String> linked(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
