package kr.tickets.catalog;

import static kr.tickets.common.ApiAssertions.jsonBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kr.tickets.common.FieldError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GradePlanTest {
    /** 1층 rows A and B, 2층 row A; two seats each. */
    private static final List<Seat> SEATS = venueSeats();

    private static List<Seat> venueSeats() {
        List<FieldError> errors = new ArrayList<>();
        List<Seat> seats = VenueLayout.seats(jsonBody("""
                {"layout": {"sections": [
                  {"name": "1층", "rows": [{"row": "A", "seats": 2}, {"row": "B", "seats": 2}]},
                  {"name": "2층", "rows": [{"row": "A", "seats": 2}]}
                ]}}""").node("layout"), errors);
        assertEquals(List.of(), errors);
        return seats;
    }

    private static GradePlan plan(String gradesJson) {
        List<FieldError> errors = new ArrayList<>();
        GradePlan plan = GradePlan.parse(jsonBody("{\"grades\": " + gradesJson + "}").node("grades"), SEATS, errors);
        assertEquals(List.of(), errors, "a valid plan");
        return plan;
    }

    private static List<FieldError> problems(String gradesJson) {
        List<FieldError> errors = new ArrayList<>();
        GradePlan.parse(jsonBody("{\"grades\": " + gradesJson + "}").node("grades"), SEATS, errors);
        return errors;
    }

    private static List<String> refusedFields(String gradesJson) {
        return problems(gradesJson).stream().map(FieldError::field).toList();
    }

    /** A grade named {@code name} over {@code assignment} ("rows": … or "seatIds": …). */
    private static String grade(String name, String assignment) {
        return "{\"name\": \"" + name + "\", \"color\": \"#112233\", \"price\": 50000, " + assignment + "}";
    }

    /**
     * A plan that covers every seat (VIP: 1층-A, R: 1층-B and 2층-A) except that the first grade's
     * {@code field} is the JSON {@code value}.
     */
    private static String planWith(String field, String value) {
        Map<String, String> vip = new LinkedHashMap<>();
        vip.put("name", "\"VIP\"");
        vip.put("color", "\"#112233\"");
        vip.put("price", "150000");
        vip.put("rows", "[\"1층-A\"]");
        vip.put(field, value);
        String first = vip.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
        return "[" + first + ", " + grade("R", "\"rows\": [\"1층-B\", \"2층-A\"]") + "]";
    }

    // --- assignment ---------------------------------------------------------------------------

    @Test
    void sectionRowAssignsThatRowOfThatSectionOnly() {
        GradePlan plan = plan("[" + grade("VIP", "\"rows\": [\"1층-A\"]") + ", "
                + grade("R", "\"rows\": [\"1층-B\", \"2층-A\"]") + "]");

        assertEquals(Map.of(
                "1층-A-1", "G1", "1층-A-2", "G1",
                "1층-B-1", "G2", "1층-B-2", "G2",
                "2층-A-1", "G2", "2층-A-2", "G2"), plan.gradeOfSeat());
    }

    @Test
    void bareRowAssignsThatRowInEverySection() {
        GradePlan plan = plan("[" + grade("VIP", "\"rows\": [\"A\"]") + ", " + grade("R", "\"rows\": [\"1층-B\"]") + "]");

        assertEquals(Map.of(
                "1층-A-1", "G1", "1층-A-2", "G1",
                "2층-A-1", "G1", "2층-A-2", "G1",
                "1층-B-1", "G2", "1층-B-2", "G2"), plan.gradeOfSeat());
    }

    @Test
    void seatIdsAssignSingleSeats() {
        GradePlan plan = plan("[" + grade("VIP", "\"seatIds\": [\"1층-A-2\", \"2층-A-1\"]") + ", "
                + grade("R", "\"seatIds\": [\"1층-A-1\", \"1층-B-1\", \"1층-B-2\", \"2층-A-2\"]") + "]");

        assertEquals("G1", plan.gradeOfSeat().get("1층-A-2"));
        assertEquals("G1", plan.gradeOfSeat().get("2층-A-1"));
        assertEquals("G2", plan.gradeOfSeat().get("1층-A-1"));
        assertEquals(SEATS.size(), plan.gradeOfSeat().size());
    }

    @Test
    void gradesGetIdsG1OnwardsInOrderWithTheirSeatCountsAndUpperCasedColours() {
        GradePlan plan = plan("""
                [{"name": "VIP", "color": "#ff00aa", "price": 150000, "rows": ["1층-A"]},
                 {"name": "R", "color": "#00Ff00", "price": 100000, "rows": ["1층-B"]},
                 {"name": "S", "color": "#0000FF", "price": 0, "seatIds": ["2층-A-1", "2층-A-2"]}]""");

        assertEquals(List.of(
                new Grade("G1", "VIP", "#FF00AA", 150_000, 2),
                new Grade("G2", "R", "#00FF00", 100_000, 2),
                new Grade("G3", "S", "#0000FF", 0, 2)), plan.grades());
    }

    @Test
    void totalSeatsCountsEverySeatOfABareRowAcrossSections() {
        GradePlan plan = plan("[" + grade("VIP", "\"rows\": [\"A\"]") + ", " + grade("R", "\"rows\": [\"B\"]") + "]");

        assertEquals(List.of(4, 2), plan.grades().stream().map(Grade::totalSeats).toList());
    }

    // --- every seat exactly one grade ---------------------------------------------------------

    @Test
    void seatsWithoutAGradeAreReportedByCountAndExample() {
        List<FieldError> errors = problems("[" + grade("VIP", "\"rows\": [\"1층-A\", \"1층-B\"]") + "]");

        assertEquals(1, errors.size());
        assertEquals("grades", errors.get(0).field());
        assertTrue(errors.get(0).message().startsWith("2 seats have no grade"), errors.get(0).message());
        assertTrue(errors.get(0).message().contains("2층-A-1, 2층-A-2"), errors.get(0).message());
    }

    @Test
    void seatInTwoGradesIsReportedAtTheSecondGradeNamingTheFirst() {
        List<FieldError> errors = problems("[" + grade("VIP", "\"rows\": [\"A\"]") + ", "
                + grade("R", "\"rows\": [\"1층-B\", \"2층-A\"]") + "]");

        assertEquals(1, errors.size());
        assertEquals("grades[1]", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("2층-A-1"), errors.get(0).message());
        assertTrue(errors.get(0).message().contains("VIP"), errors.get(0).message());
    }

    @Test
    void rowAndItsSectionRowInOneGradeCountTheSeatTwiceAndAreRefused() {
        assertEquals(List.of("grades[0]"),
                refusedFields("[" + grade("VIP", "\"rows\": [\"A\", \"1층-A\", \"1층-B\"]") + "]"));
    }

    // --- rows / seatIds -----------------------------------------------------------------------

    @Test
    void gradeMustGiveRowsOrSeatIdsNotBoth() {
        assertEquals(List.of("grades[0]"), refusedFields(planWith("seatIds", "[\"1층-A-1\"]")));
    }

    @Test
    void gradeMustGiveRowsOrSeatIdsNotNeither() {
        assertEquals(List.of("grades[0]"), refusedFields("[{\"name\": \"VIP\", \"color\": \"#112233\", \"price\": 1}, "
                + grade("R", "\"rows\": [\"1층-A\", \"1층-B\", \"2층-A\"]") + "]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"3층-A\"]", "[\"Z\"]", "[\"1층-Z\"]", "[\"1층\"]", "[\"1층-A-1\"]"})
    void unknownRowIsRefused(String rows) {
        assertEquals(List.of("grades[0].rows"),
                refusedFields("[" + grade("VIP", "\"rows\": " + rows) + ", " + grade("R", "\"rows\": [\"B\"]") + "]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"1층-A-3\"]", "[\"1층-A\"]", "[\"3층-A-1\"]"})
    void unknownSeatIsRefused(String seatIds) {
        assertEquals(List.of("grades[0].seatIds"), refusedFields(
                "[" + grade("VIP", "\"seatIds\": " + seatIds) + ", " + grade("R", "\"rows\": [\"B\"]") + "]"));
    }

    @Test
    void repeatedRowIsRefused() {
        assertEquals(List.of("grades[0].rows"), refusedFields(
                "[" + grade("VIP", "\"rows\": [\"1층-A\", \"1층-A\"]") + ", " + grade("R", "\"rows\": [\"B\", \"2층-A\"]") + "]"));
    }

    @Test
    void repeatedSeatIdIsRefused() {
        assertEquals(List.of("grades[0].seatIds"), refusedFields("[" + grade("VIP", "\"seatIds\": [\"1층-A-1\", \"1층-A-1\"]")
                + ", " + grade("R", "\"rows\": [\"B\", \"2층-A\"]") + "]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[1]", "[null]", "\"1층-A\"", "{}"})
    void rowsMustBeANonEmptyArrayOfStrings(String rows) {
        assertEquals(List.of("grades[0].rows"),
                refusedFields("[" + grade("VIP", "\"rows\": " + rows) + ", " + grade("R", "\"rows\": [\"A\", \"B\"]") + "]"));
    }

    // --- name, colour, price ------------------------------------------------------------------

    @Test
    void duplicateGradeNameIsRefusedAtTheSecondGrade() {
        assertEquals(List.of("grades[1].name"), refusedFields(
                "[" + grade("VIP", "\"rows\": [\"A\"]") + ", " + grade("VIP", "\"rows\": [\"B\"]") + "]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"  \"", "null", "3", "\"123456789012345678901\""})
    void nameMustBe1To20Characters(String name) {
        assertEquals(List.of("grades[0].name"), refusedFields(planWith("name", name)));
    }

    @Test
    void nameOf20CharactersIsAllowed() {
        assertEquals("x".repeat(20), plan(planWith("name", "\"" + "x".repeat(20) + "\"")).grades().get(0).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"red\"", "\"#FFF\"", "\"FF00AA\"", "\"#GG0000\"", "\"#FF00AA0\"", "null", "16711680"})
    void colourMustBeHashAndSixHexDigits(String color) {
        assertEquals(List.of("grades[0].color"), refusedFields(planWith("color", color)));
    }

    @Test
    void lowerCaseColourIsAcceptedAndStoredUpperCase() {
        assertEquals("#ABCDEF", plan(planWith("color", "\"#abcdef\"")).grades().get(0).color());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 10_000_000})
    void priceFrom0To10MillionWonIsAllowed(long price) {
        assertEquals(price, plan(planWith("price", Long.toString(price))).grades().get(0).price());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "10000001", "1000.5", "1000.0", "\"1000\"", "null", "99999999999999999999",
            "9223372036854775807"})
    void priceOutsideTheRangeOrNotAWholeNumberIsRefused(String price) {
        assertEquals(List.of("grades[0].price"), refusedFields(planWith("price", price)));
    }

    @Test
    void missingPriceIsRefused() {
        assertEquals(List.of("grades[0].price"), refusedFields("[{\"name\": \"VIP\", \"color\": \"#112233\", "
                + "\"rows\": [\"1층-A\"]}, " + grade("R", "\"rows\": [\"1층-B\", \"2층-A\"]") + "]"));
    }

    // --- the list of grades -------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"[]", "null", "{}", "\"VIP\""})
    void gradesMustBeANonEmptyArray(String grades) {
        assertEquals(List.of("grades"), refusedFields(grades));
    }

    @Test
    void missingGradesAreRefused() {
        List<FieldError> errors = new ArrayList<>();
        GradePlan.parse(jsonBody("{}").node("grades"), SEATS, errors);

        assertEquals(List.of("grades"), errors.stream().map(FieldError::field).toList());
    }

    @Test
    void atMostTwentyGrades() {
        String grades = IntStream.rangeClosed(1, 21).mapToObj(i -> grade("G" + i, "\"seatIds\": [\"1층-A-1\"]"))
                .collect(Collectors.joining(", ", "[", "]"));

        assertEquals(List.of("grades"), refusedFields(grades));
    }

    @Test
    void everyProblemOfEveryGradeIsReportedAtOnce() {
        assertEquals(List.of("grades[0].color", "grades[0].price", "grades[1].name", "grades[1].rows"), refusedFields("""
                [{"name": "VIP", "color": "red", "price": -1, "rows": ["1층-A"]},
                 {"name": "", "color": "#000000", "price": 1, "rows": ["9층-A"]}]"""));
    }
}
