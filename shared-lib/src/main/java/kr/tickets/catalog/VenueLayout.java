package kr.tickets.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kr.tickets.common.FieldError;
import kr.tickets.common.JsonRequest;

/**
 * Sections → rows → seats, from {@code layout:{sections:[{name,rows:[{row,seats,x?,y?}]}]}}.
 * Seats of a row are numbered from 1; a row without x/y is placed on a grid below the previous
 * one, so every seat has a position to draw.
 */
public final class VenueLayout {
    public static final int MAX_SEATS = 10_000;
    public static final int MAX_SEATS_PER_ROW = 200;
    /** Distance between neighbouring seats on the drawing grid. */
    static final int SPACING = 10;

    private VenueLayout() {
    }

    /** The seats of {@code layout}; problems go to {@code errors} (and the result is then empty). */
    public static List<Seat> seats(JsonNode layout, List<FieldError> errors) {
        List<Seat> seats = new ArrayList<>();
        JsonNode sections = layout == null ? null : layout.get("sections");
        if (sections == null || !sections.isArray() || sections.isEmpty()) {
            errors.add(new FieldError("layout.sections", "must be a non-empty array"));
            return List.of();
        }
        Set<String> sectionNames = new HashSet<>();
        int gridRow = 0;
        for (int s = 0; s < sections.size(); s++) {
            String at = "layout.sections[" + s + "]";
            JsonNode section = sections.get(s);
            String name = text(section, "name");
            if (name == null || name.isBlank() || JsonRequest.characters(name) > 30 || name.contains("-")) {
                errors.add(new FieldError(at + ".name", "must be 1-30 characters without '-'"));
                continue;
            }
            if (!sectionNames.add(name)) {
                errors.add(new FieldError(at + ".name", "duplicates another section"));
                continue;
            }
            JsonNode rows = section.get("rows");
            if (rows == null || !rows.isArray() || rows.isEmpty()) {
                errors.add(new FieldError(at + ".rows", "must be a non-empty array"));
                continue;
            }
            Set<String> rowNames = new HashSet<>();
            for (int r = 0; r < rows.size(); r++) {
                String rowAt = at + ".rows[" + r + "]";
                JsonNode row = rows.get(r);
                String rowName = text(row, "row");
                JsonNode count = row == null ? null : row.get("seats");
                if (rowName == null || rowName.isBlank() || JsonRequest.characters(rowName) > 10 || rowName.contains("-")) {
                    errors.add(new FieldError(rowAt + ".row", "must be 1-10 characters without '-'"));
                    continue;
                }
                if (!rowNames.add(rowName)) {
                    errors.add(new FieldError(rowAt + ".row", "duplicates another row of the section"));
                    continue;
                }
                if (count == null || !count.isIntegralNumber() || !count.canConvertToInt() || count.asInt() < 1
                        || count.asInt() > MAX_SEATS_PER_ROW) {
                    errors.add(new FieldError(rowAt + ".seats", "must be a whole number from 1 to " + MAX_SEATS_PER_ROW));
                    continue;
                }
                Integer x = coordinate(row, "x", rowAt, errors);
                Integer y = coordinate(row, "y", rowAt, errors);
                int originX = x != null ? x : 0;
                int originY = y != null ? y : gridRow * SPACING;
                gridRow++;
                for (int n = 1; n <= count.asInt(); n++) {
                    seats.add(new Seat(name + "-" + rowName + "-" + n, name + " " + rowName + "열 " + n + "번",
                            name, rowName, n, originX + (n - 1) * SPACING, originY));
                }
            }
            gridRow++;
        }
        if (seats.size() > MAX_SEATS) {
            errors.add(new FieldError("layout", "must have at most " + MAX_SEATS + " seats"));
        }
        return errors.isEmpty() ? List.copyOf(seats) : List.of();
    }

    private static Integer coordinate(JsonNode row, String field, String at, List<FieldError> errors) {
        JsonNode value = row.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0 || value.asInt() > 100_000) {
            errors.add(new FieldError(at + "." + field, "must be a whole number from 0 to 100000"));
            return null;
        }
        return value.asInt();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() ? value.textValue().strip() : null;
    }
}
