package kr.tickets.catalog;

import static kr.tickets.common.ApiAssertions.jsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kr.tickets.common.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VenueLayoutTest {

    /** The {@code layout} of a request body whose layout is {@code json}. */
    private static JsonNode layout(String json) {
        return jsonBody("{\"layout\": " + json + "}").node("layout");
    }

    private static List<Seat> seatsOf(String layoutJson) {
        List<FieldError> errors = new ArrayList<>();
        List<Seat> seats = VenueLayout.seats(layout(layoutJson), errors);
        assertEquals(List.of(), errors, "a valid layout");
        return seats;
    }

    /** The field paths a refused layout is blamed on; a refused layout also has no seats. */
    private static List<String> refusedFields(String layoutJson) {
        List<FieldError> errors = new ArrayList<>();
        List<Seat> seats = VenueLayout.seats(layout(layoutJson), errors);
        assertEquals(List.of(), seats, "an invalid layout yields no seats");
        return errors.stream().map(FieldError::field).toList();
    }

    private static String oneRow(String rowJson) {
        return "{\"sections\": [{\"name\": \"1층\", \"rows\": [" + rowJson + "]}]}";
    }

    // --- seats, ids, labels -------------------------------------------------------------------

    @Test
    void seatIdIsSectionRowNumberAndNumbersStartAtOne() {
        List<Seat> seats = seatsOf(oneRow("{\"row\": \"A\", \"seats\": 3}"));

        assertEquals(List.of("1층-A-1", "1층-A-2", "1층-A-3"), seats.stream().map(Seat::seatId).toList());
        assertEquals(List.of(1, 2, 3), seats.stream().map(Seat::number).toList());
        assertTrue(seats.stream().allMatch(s -> s.section().equals("1층") && s.row().equals("A")));
    }

    @Test
    void labelReadsSectionRowAndNumberInKorean() {
        Seat third = seatsOf(oneRow("{\"row\": \"A\", \"seats\": 3}")).get(2);

        assertEquals("1층 A열 3번", third.label());
    }

    @Test
    void seatsComeInLayoutOrderAcrossSectionsAndRows() {
        List<Seat> seats = seatsOf("""
                {"sections": [
                  {"name": "1층", "rows": [{"row": "B", "seats": 1}, {"row": "A", "seats": 2}]},
                  {"name": "2층", "rows": [{"row": "A", "seats": 1}]}
                ]}""");

        assertEquals(List.of("1층-B-1", "1층-A-1", "1층-A-2", "2층-A-1"), seats.stream().map(Seat::seatId).toList());
    }

    @Test
    void sameRowNameInTwoSectionsIsAllowed() {
        List<Seat> seats = seatsOf("""
                {"sections": [
                  {"name": "1층", "rows": [{"row": "A", "seats": 1}]},
                  {"name": "2층", "rows": [{"row": "A", "seats": 1}]}
                ]}""");

        assertEquals(List.of("1층-A-1", "2층-A-1"), seats.stream().map(Seat::seatId).toList());
    }

    // --- positions ----------------------------------------------------------------------------

    @Test
    void rowsWithoutPositionAreStackedOnAGridAndSeatsAreSpacedAlongTheRow() {
        List<Seat> seats = seatsOf("""
                {"sections": [
                  {"name": "1층", "rows": [{"row": "A", "seats": 3}, {"row": "B", "seats": 2}]},
                  {"name": "2층", "rows": [{"row": "A", "seats": 1}]}
                ]}""");

        assertEquals(List.of(
                "1층-A-1@0,0", "1층-A-2@10,0", "1층-A-3@20,0",
                "1층-B-1@0,10", "1층-B-2@10,10",
                // one empty grid row between sections
                "2층-A-1@0,30"), positions(seats));
        assertEquals(10, VenueLayout.SPACING);
    }

    @Test
    void givenXAndYPlaceTheRowsFirstSeatAndTheRestFollowAtTheSpacing() {
        List<Seat> seats = seatsOf(oneRow("{\"row\": \"A\", \"seats\": 3, \"x\": 100, \"y\": 50}"));

        assertEquals(List.of("1층-A-1@100,50", "1층-A-2@110,50", "1층-A-3@120,50"), positions(seats));
    }

    @Test
    void onlyXGivenKeepsTheGridYAndOnlyYGivenStartsAtXZero() {
        List<Seat> seats = seatsOf(oneRow("""
                {"row": "A", "seats": 1, "x": 40}, {"row": "B", "seats": 1, "y": 75}, {"row": "C", "seats": 1, "x": null}"""));

        assertEquals(List.of("1층-A-1@40,0", "1층-B-1@0,75", "1층-C-1@0,20"), positions(seats));
    }

    @Test
    void zeroCoordinatesAreAllowed() {
        List<Seat> seats = seatsOf(oneRow("{\"row\": \"A\", \"seats\": 1, \"x\": 0, \"y\": 0}"));

        assertEquals(List.of("1층-A-1@0,0"), positions(seats));
    }

    private static List<String> positions(List<Seat> seats) {
        return seats.stream().map(s -> s.seatId() + "@" + s.x() + "," + s.y()).toList();
    }

    // --- sections -----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"sections\": []}", "{\"sections\": null}", "{\"sections\": \"1층\"}",
            "{\"sections\": {\"name\": \"1층\"}}", "null", "[]"})
    void layoutWithoutSectionsIsRefused(String layoutJson) {
        assertEquals(List.of("layout.sections"), refusedFields(layoutJson));
    }

    @Test
    void missingLayoutIsRefused() {
        List<FieldError> errors = new ArrayList<>();

        assertEquals(List.of(), VenueLayout.seats(jsonBody("{}").node("layout"), errors));
        assertEquals(List.of(new FieldError("layout.sections", "must be a non-empty array")), errors);
    }

    @Test
    void duplicateSectionIsRefusedAtTheSecondOne() {
        assertEquals(List.of("layout.sections[1].name"), refusedFields("""
                {"sections": [
                  {"name": "1층", "rows": [{"row": "A", "seats": 1}]},
                  {"name": "1층", "rows": [{"row": "B", "seats": 1}]}
                ]}"""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1-층\"", "\"\"", "\"   \"", "null", "7", "\"0123456789012345678901234567890\""})
    void sectionNameMustBe1To30CharactersWithoutDash(String name) {
        assertEquals(List.of("layout.sections[0].name"),
                refusedFields("{\"sections\": [{\"name\": " + name + ", \"rows\": [{\"row\": \"A\", \"seats\": 1}]}]}"));
    }

    @Test
    void sectionNameOf30CharactersIsAllowed() {
        String name = "x".repeat(30);

        List<Seat> seats = seatsOf("{\"sections\": [{\"name\": \"" + name + "\", \"rows\": [{\"row\": \"A\", \"seats\": 1}]}]}");

        assertEquals(name + "-A-1", seats.get(0).seatId());
    }

    @Test
    void sectionWithMissingOrEmptyRowsIsRefused() {
        assertEquals(List.of("layout.sections[0].rows", "layout.sections[1].rows"), refusedFields("""
                {"sections": [{"name": "1층"}, {"name": "2층", "rows": []}]}"""));
    }

    // --- rows ---------------------------------------------------------------------------------

    @Test
    void duplicateRowWithinASectionIsRefused() {
        assertEquals(List.of("layout.sections[0].rows[1].row"),
                refusedFields(oneRow("{\"row\": \"A\", \"seats\": 1}, {\"row\": \"A\", \"seats\": 2}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"A-1\"", "\"\"", "null", "1", "\"ABCDEFGHIJK\""})
    void rowNameMustBe1To10CharactersWithoutDash(String row) {
        assertEquals(List.of("layout.sections[0].rows[0].row"),
                refusedFields(oneRow("{\"row\": " + row + ", \"seats\": 1}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "201", "-1", "1.5", "2.0", "\"3\"", "null", "true"})
    void seatsOfARowMustBeAWholeNumberFrom1To200(String seats) {
        assertEquals(List.of("layout.sections[0].rows[0].seats"),
                refusedFields(oneRow("{\"row\": \"A\", \"seats\": " + seats + "}")));
    }

    @Test
    void rowWithoutSeatCountIsRefused() {
        assertEquals(List.of("layout.sections[0].rows[0].seats"), refusedFields(oneRow("{\"row\": \"A\"}")));
    }

    @Test
    void oneAndTwoHundredSeatsAreTheBoundsOfARow() {
        List<Seat> seats = seatsOf(oneRow("{\"row\": \"A\", \"seats\": 1}, {\"row\": \"B\", \"seats\": 200}"));

        assertEquals(201, seats.size());
        assertEquals("1층-B-200", seats.get(200).seatId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"x\": -1", "\"y\": -1", "\"x\": 1.5", "\"y\": \"10\"", "\"x\": 100001"})
    void coordinatesMustBeWholeNumbersFrom0(String coordinate) {
        String field = coordinate.substring(1, 2);

        assertEquals(List.of("layout.sections[0].rows[0]." + field),
                refusedFields(oneRow("{\"row\": \"A\", \"seats\": 1, " + coordinate + "}")));
    }

    // --- whole layout -------------------------------------------------------------------------

    @Test
    void tenThousandSeatsAreAllowed() {
        assertEquals(VenueLayout.MAX_SEATS, seatsOf(oneRow(rows(50, 200))).size());
    }

    @Test
    void moreThanTenThousandSeatsAreRefusedAsAWhole() {
        String rows = rows(50, 200) + ", {\"row\": \"LAST\", \"seats\": 1}";

        List<FieldError> errors = new ArrayList<>();
        assertEquals(List.of(), VenueLayout.seats(layout(oneRow(rows)), errors));
        assertEquals(List.of(new FieldError("layout", "must have at most 10000 seats")), errors);
    }

    /** {@code count} rows R1.. of {@code seats} seats each. */
    private static String rows(int count, int seats) {
        return IntStream.rangeClosed(1, count).mapToObj(r -> "{\"row\": \"R" + r + "\", \"seats\": " + seats + "}")
                .collect(Collectors.joining(", "));
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() {
        assertEquals(List.of(
                "layout.sections[0].rows[1].row",
                "layout.sections[0].rows[2].seats",
                "layout.sections[1].name",
                "layout.sections[2].rows[0].x"), refusedFields("""
                {"sections": [
                  {"name": "1층", "rows": [{"row": "A", "seats": 1}, {"row": "A", "seats": 1}, {"row": "B", "seats": 0}]},
                  {"name": "1층", "rows": [{"row": "A", "seats": 1}]},
                  {"name": "2층", "rows": [{"row": "A", "seats": 1, "x": -5}]}
                ]}"""));
    }

    @Test
    void errorsAlreadyCollectedByTheCallerAlsoLeaveNoSeats() {
        List<FieldError> errors = new ArrayList<>(List.of(new FieldError("name", "is required")));

        List<Seat> seats = VenueLayout.seats(layout(oneRow("{\"row\": \"A\", \"seats\": 1}")), errors);

        assertEquals(List.of(), seats);
        assertEquals(List.of(new FieldError("name", "is required")), errors);
    }

    // --- bugs ---------------------------------------------------------------------------------

    @Test
    void seatCountBeyondIntIsRefusedNotTruncated() {
        assertEquals(List.of("layout.sections[0].rows[0].seats"),
                refusedFields(oneRow("{\"row\": \"A\", \"seats\": 4294967297}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4294967296", "-4294967295"})
    void coordinateBeyondIntIsRefusedNotTruncated(String x) {
        assertEquals(List.of("layout.sections[0].rows[0].x"),
                refusedFields(oneRow("{\"row\": \"A\", \"seats\": 1, \"x\": " + x + "}")));
    }
}
