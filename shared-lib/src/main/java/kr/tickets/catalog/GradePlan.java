package kr.tickets.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import kr.tickets.common.FieldError;
import kr.tickets.common.JsonRequest;

/**
 * Seat grades of a performance and which seat has which: every seat of the venue gets exactly
 * one grade, given per grade as {@code rows} ("SECTION-ROW", or "ROW" for that row in every
 * section) or as {@code seatIds}.
 */
public record GradePlan(List<Grade> grades, Map<String, String> gradeOfSeat) {
    public static final int MAX_GRADES = 20;
    public static final long MAX_PRICE = 10_000_000;
    private static final Pattern COLOR = Pattern.compile("^#[0-9A-Fa-f]{6}$");

    /** Reads {@code grades} against the venue's seats; problems go to {@code errors}. */
    public static GradePlan parse(JsonNode grades, List<Seat> seats, List<FieldError> errors) {
        if (grades == null || !grades.isArray() || grades.isEmpty() || grades.size() > MAX_GRADES) {
            errors.add(new FieldError("grades", "must be an array of 1 to " + MAX_GRADES + " grades"));
            return new GradePlan(List.of(), Map.of());
        }
        int errorsBefore = errors.size();
        Map<String, Seat> seatById = new HashMap<>();
        Map<String, List<Seat>> seatsByRow = new HashMap<>();
        for (Seat seat : seats) {
            seatById.put(seat.seatId(), seat);
            seatsByRow.computeIfAbsent(seat.section() + "-" + seat.row(), k -> new ArrayList<>()).add(seat);
            seatsByRow.computeIfAbsent(seat.row(), k -> new ArrayList<>()).add(seat);
        }
        Map<String, String> gradeOfSeat = new LinkedHashMap<>();
        List<Grade> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int g = 0; g < grades.size(); g++) {
            String at = "grades[" + g + "]";
            JsonNode grade = grades.get(g);
            String gradeId = "G" + (g + 1);
            String name = text(grade, "name");
            String color = text(grade, "color");
            JsonNode price = grade.get("price");
            if (name == null || name.isBlank() || JsonRequest.characters(name) > 20) {
                errors.add(new FieldError(at + ".name", "must be 1-20 characters"));
            } else if (!names.add(name)) {
                errors.add(new FieldError(at + ".name", "duplicates another grade"));
            }
            if (color == null || !COLOR.matcher(color).matches()) {
                errors.add(new FieldError(at + ".color", "must be a colour like #RRGGBB"));
            }
            if (price == null || !price.isIntegralNumber() || !price.canConvertToLong() || price.asLong() < 0
                    || price.asLong() > MAX_PRICE) {
                errors.add(new FieldError(at + ".price", "must be a whole number of KRW from 0 to " + MAX_PRICE));
            }
            List<Seat> assigned = assigned(grade, at, seatById, seatsByRow, errors);
            for (Seat seat : assigned) {
                String previous = gradeOfSeat.putIfAbsent(seat.seatId(), gradeId);
                if (gradeId.equals(previous)) {
                    errors.add(new FieldError(at, "seat " + seat.seatId() + " is listed twice in this grade"));
                    break;
                }
                if (previous != null) {
                    errors.add(new FieldError(at, "seat " + seat.seatId() + " already has grade "
                            + grades.get(Integer.parseInt(previous.substring(1)) - 1).path("name").asText()));
                    break;
                }
            }
            out.add(new Grade(gradeId, name, color == null ? null : color.toUpperCase(),
                    price == null ? 0 : price.asLong(), assigned.size()));
        }
        // Seats left without a grade are named unless the grades themselves were already wrong.
        if (errors.size() == errorsBefore && gradeOfSeat.size() != seats.size()) {
            List<String> missing = seats.stream().map(Seat::seatId).filter(id -> !gradeOfSeat.containsKey(id))
                    .limit(5).toList();
            errors.add(new FieldError("grades", (seats.size() - gradeOfSeat.size())
                    + " seats have no grade, e.g. " + String.join(", ", missing)));
        }
        return new GradePlan(List.copyOf(out), Map.copyOf(gradeOfSeat));
    }

    private static List<Seat> assigned(JsonNode grade, String at, Map<String, Seat> seatById,
                                       Map<String, List<Seat>> seatsByRow, List<FieldError> errors) {
        JsonNode rows = grade.get("rows");
        JsonNode seatIds = grade.get("seatIds");
        if ((rows == null) == (seatIds == null)) {
            errors.add(new FieldError(at, "must give either rows or seatIds"));
            return List.of();
        }
        JsonNode list = rows != null ? rows : seatIds;
        String field = rows != null ? "rows" : "seatIds";
        if (!list.isArray() || list.isEmpty()) {
            errors.add(new FieldError(at + "." + field, "must be a non-empty array of strings"));
            return List.of();
        }
        List<Seat> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : list) {
            String key = item.isTextual() ? item.textValue() : null;
            if (key == null || !seen.add(key)) {
                errors.add(new FieldError(at + "." + field, key == null ? "must hold strings" : "repeats " + key));
                return List.of();
            }
            if (rows != null) {
                List<Seat> row = seatsByRow.get(key);
                if (row == null) {
                    errors.add(new FieldError(at + ".rows", "no row " + key + " in the venue"));
                    return List.of();
                }
                out.addAll(row);
            } else {
                Seat seat = seatById.get(key);
                if (seat == null) {
                    errors.add(new FieldError(at + ".seatIds", "no seat " + key + " in the venue"));
                    return List.of();
                }
                out.add(seat);
            }
        }
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue().strip() : null;
    }
}
