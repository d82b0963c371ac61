package kr.tickets.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A venue to create through {@code POST /admin/venues}, with the price tier of every row (tier 0
 * the dearest, nearest the stage), so that a performance can give each seat a grade by rows.
 */
public record VenuePlan(String name, String address, List<Section> sections) {

    /**
     * Rows of {@code seatsPerRow} seats; {@code rowsPerTier.get(i)} of them, from the stage back,
     * are in tier i. Theatres letter their rows (A열), arenas number them (1열).
     */
    public record Section(String name, int seatsPerRow, boolean numberedRows, List<Integer> rowsPerTier) {
        public static Section lettered(String name, int seatsPerRow, Integer... rowsPerTier) {
            return new Section(name, seatsPerRow, false, List.of(rowsPerTier));
        }

        public static Section numbered(String name, int seatsPerRow, Integer... rowsPerTier) {
            return new Section(name, seatsPerRow, true, List.of(rowsPerTier));
        }

        int rowCount() {
            return rowsPerTier.stream().mapToInt(Integer::intValue).sum();
        }

        String rowName(int index) {
            return numberedRows ? Integer.toString(index + 1) : Character.toString('A' + index);
        }
    }

    public int seatCount() {
        return sections.stream().mapToInt(s -> s.rowCount() * s.seatsPerRow()).sum();
    }

    /** Tiers up to the last one with rows: the most grades a performance here can have. */
    public int tiers() {
        int tiers = 0;
        for (Section section : sections) {
            for (int tier = 0; tier < section.rowsPerTier().size(); tier++) {
                if (section.rowsPerTier().get(tier) > 0) {
                    tiers = Math.max(tiers, tier + 1);
                }
            }
        }
        return tiers;
    }

    /** The body of {@code POST /admin/venues}; rows carry no x/y, so the service lays them out on its grid. */
    public Map<String, Object> body() {
        List<Map<String, Object>> layout = new ArrayList<>();
        for (Section section : sections) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int r = 0; r < section.rowCount(); r++) {
                rows.add(Map.of("row", section.rowName(r), "seats", section.seatsPerRow()));
            }
            layout.add(Map.of("name", section.name(), "rows", rows));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("address", address);
        body.put("layout", Map.of("sections", layout));
        return body;
    }

    /**
     * The rows ("SECTION-ROW") of each of {@code grades} grades; tiers past the last grade fold
     * into it, so every seat gets exactly one grade.
     */
    public List<List<String>> rowsByGrade(int grades) {
        List<List<String>> out = new ArrayList<>();
        for (int g = 0; g < grades; g++) {
            out.add(new ArrayList<>());
        }
        for (Section section : sections) {
            int row = 0;
            for (int tier = 0; tier < section.rowsPerTier().size(); tier++) {
                for (int n = 0; n < section.rowsPerTier().get(tier); n++, row++) {
                    out.get(Math.min(tier, grades - 1)).add(section.name() + "-" + section.rowName(row));
                }
            }
        }
        if (out.stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException(name + " has a price tier without rows below tier " + grades);
        }
        return out;
    }
}
