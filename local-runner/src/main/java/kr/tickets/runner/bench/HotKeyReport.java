package kr.tickets.runner.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kr.tickets.localstack.EmulatorCounts.KeyCount;
import kr.tickets.localstack.EmulatorCounts.RequestCount;
import kr.tickets.ratelimit.RateSubject;

/**
 * What a rush cost per hold, from the emulator's counts (local/moto_launcher.py): requests by
 * kind, and the read and write units of every item key and partition, scaled to a design rate of
 * {@link #DESIGN_HOLDS_PER_SECOND} holds a second on one schedule. Scaling units per hold by the
 * hold rate is exact for a key every hold touches (a schedule's counters, a seat shard) and an
 * over-estimate for a key only one hold touches (its own hold item), so nothing hot is missed.
 * An item or a partition is flagged above DynamoDB's per-partition limits: 1,000 WCU/s, 3,000 RCU/s.
 */
final class HotKeyReport {
    static final int DESIGN_HOLDS_PER_SECOND = 5_000;
    static final double MAX_WCU_PER_SECOND = 1_000;
    static final double MAX_RCU_PER_SECOND = 3_000;
    private static final int TOP = 8;

    /** Units of one item key or one partition (sk null), per hold. */
    record Hot(String table, String index, String pk, String sk, double readsPerHold, double writesPerHold,
               double readUnitsPerHold, double writeUnitsPerHold) {
        double rcuPerSecond() {
            return readUnitsPerHold * DESIGN_HOLDS_PER_SECOND;
        }

        double wcuPerSecond() {
            return writeUnitsPerHold * DESIGN_HOLDS_PER_SECOND;
        }

        boolean flagged() {
            return wcuPerSecond() > MAX_WCU_PER_SECOND || rcuPerSecond() > MAX_RCU_PER_SECOND;
        }

        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("table", table);
            out.put("index", index);
            out.put("pk", pk);
            out.put("sk", sk);
            out.put("readUnitsPerHold", round(readUnitsPerHold));
            out.put("writeUnitsPerHold", round(writeUnitsPerHold));
            out.put("rcuPerSecondAt" + DESIGN_HOLDS_PER_SECOND, round(rcuPerSecond()));
            out.put("wcuPerSecondAt" + DESIGN_HOLDS_PER_SECOND, round(wcuPerSecond()));
            out.put("overLimit", flagged());
            return out;
        }
    }

    private final int holds;
    private final List<RequestCount> requests;
    private final List<Hot> items;
    private final List<Hot> partitions;
    /**
     * The rate counters of the client address: every simulated user here sends from 127.0.0.1, so
     * they count the whole rush on one key, which real buyers (each from their own address, and
     * each address capped by the rate limit itself) never do. Reported apart, not ranked.
     */
    private double loadGeneratorWritesPerHold;

    HotKeyReport(int holds, List<RequestCount> requests, List<KeyCount> keys, Map<String, String> tableNames) {
        this.holds = holds;
        this.requests = requests;
        this.items = new ArrayList<>();
        Map<String, double[]> byPartition = new TreeMap<>();
        for (KeyCount k : keys) {
            String table = tableNames.getOrDefault(k.table(), k.table());
            if (k.pk() != null && k.pk().startsWith("RATE#") && k.pk().contains("#" + RateSubject.CLIENT_ADDRESS.name() + "#")) {
                loadGeneratorWritesPerHold += k.writeUnits() / holds;
                continue;
            }
            if (k.sk() != null) {
                items.add(perHold(table, k.index(), k.pk(), k.sk(), k.reads(), k.writes(), k.readUnits(), k.writeUnits()));
            }
            // A partition carries its items' units and its Queries' (a Query counts under sk null).
            double[] p = byPartition.computeIfAbsent(table + "\u0000" + (k.index() == null ? "" : k.index()) + "\u0000" + k.pk(),
                    x -> new double[4]);
            p[0] += k.reads();
            p[1] += k.writes();
            p[2] += k.readUnits();
            p[3] += k.writeUnits();
        }
        this.partitions = new ArrayList<>();
        byPartition.forEach((key, p) -> {
            String[] parts = key.split("\u0000", -1);
            partitions.add(perHold(parts[0], parts[1].isEmpty() ? null : parts[1], parts[2], null, p[0], p[1], p[2], p[3]));
        });
        Comparator<Hot> hottest = Comparator.comparingDouble((Hot h) -> Math.max(h.wcuPerSecond() / MAX_WCU_PER_SECOND,
                h.rcuPerSecond() / MAX_RCU_PER_SECOND)).reversed();
        items.sort(hottest);
        partitions.sort(hottest);
    }

    private Hot perHold(String table, String index, String pk, String sk, double reads, double writes, double readUnits,
                        double writeUnits) {
        return new Hot(table, index, pk, sk, reads / holds, writes / holds, readUnits / holds, writeUnits / holds);
    }

    Map<String, Double> requestsPerHold() {
        Map<String, Double> out = new TreeMap<>();
        requests.forEach(r -> out.put(r.kind(), round((double) r.count() / holds)));
        return out;
    }

    /** Every write unit of the rush per hold, the client address's rate counters included. */
    double writeUnitsPerHold() {
        return partitions.stream().mapToDouble(Hot::writeUnitsPerHold).sum() + loadGeneratorWritesPerHold;
    }

    double readUnitsPerHold() {
        return partitions.stream().mapToDouble(Hot::readUnitsPerHold).sum();
    }

    double emulatorRequestsPerHold() {
        return requests.stream().filter(r -> !r.kind().equals("other")).mapToLong(RequestCount::count).sum()
                / (double) holds;
    }

    /** The JSON the cost model reads (target/bench/rush-counts.json). */
    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("holds", holds);
        out.put("requestsPerHold", requestsPerHold());
        out.put("writeUnitsPerHold", round(writeUnitsPerHold()));
        out.put("readUnitsPerHold", round(readUnitsPerHold()));
        out.put("hottestItem", items.isEmpty() ? null : items.get(0).json());
        out.put("hottestPartition", partitions.isEmpty() ? null : partitions.get(0).json());
        return out;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("Emulator requests per hold (%,d holds), and the emulator's time answering them:%n%n"
                + "| kind | per hold | ms per request | ms per hold |%n|---|---:|---:|---:|%n", holds));
        for (RequestCount r : requests) {
            out.append(String.format("| %s | %.2f | %.1f | %.1f |%n", r.kind(), (double) r.count() / holds,
                    r.count() == 0 ? 0 : r.seconds() * 1000 / r.count(), r.seconds() * 1000 / holds));
        }
        out.append(String.format("| **all but other** | **%.2f** | | **%.1f** |%n%n", emulatorRequestsPerHold(),
                requests.stream().filter(r -> !r.kind().equals("other")).mapToDouble(RequestCount::seconds).sum() * 1000
                        / holds));
        out.append(String.format("DynamoDB units per hold: %.2f WCU, %.2f RCU (index writes included).%n%n",
                writeUnitsPerHold(), readUnitsPerHold()));
        out.append(String.format("Left out of the ranking: the client address's rate counters (`RATE#HOLD#CLIENT_ADDRESS#127.0.0.1`),"
                + " %.2f WCU per hold, because every simulated user shares one address here.%n%n", loadGeneratorWritesPerHold));
        out.append(table("Hottest item keys", items));
        out.append(table("Hottest partitions (items and Queries of one partition key)", partitions));
        return out.toString();
    }

    private static String table(String title, List<Hot> rows) {
        StringBuilder out = new StringBuilder(String.format("%s, scaled to %,d holds/s (flag: > %,.0f WCU/s or > %,.0f RCU/s):%n%n",
                title, DESIGN_HOLDS_PER_SECOND, MAX_WCU_PER_SECOND, MAX_RCU_PER_SECOND));
        out.append("| table | index | pk | sk | reads/hold | writes/hold | RCU/hold | WCU/hold | RCU/s | WCU/s | |\n"
                + "|---|---|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Hot h : rows.subList(0, Math.min(TOP, rows.size()))) {
            out.append(String.format("| %s | %s | `%s` | %s | %.3f | %.3f | %.3f | %.3f | %,.0f | %,.0f | %s |%n",
                    h.table(), h.index() == null ? "" : h.index(), shorten(h.pk()), h.sk() == null ? "" : "`" + shorten(h.sk()) + "`",
                    h.readsPerHold(), h.writesPerHold(), h.readUnitsPerHold(), h.writeUnitsPerHold(), h.rcuPerSecond(),
                    h.wcuPerSecond(), h.flagged() ? "**HOT**" : ""));
        }
        return out.append('\n').toString();
    }

    /** Ids are long; the prefix and the last characters are enough to tell keys apart in a table. */
    private static String shorten(String key) {
        if (key == null) {
            return "";
        }
        return key.length() <= 40 ? key : key.substring(0, 24) + "…" + key.substring(key.length() - 8);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
