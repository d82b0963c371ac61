package kr.tickets.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeatStateBitsTest {

    private static List<Seat> seats(int count) {
        List<Seat> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Seat("S-1-" + (i + 1), "S 1열 " + (i + 1) + "번", "S", "1", i + 1, i * 10, 0));
        }
        return out;
    }

    @Test
    void eachSeatTakesTwoBitsFirstSeatInTheHighestBits() {
        List<Seat> seats = seats(5);
        Map<String, SeatStatus> states = Map.of("S-1-1", SeatStatus.PENDING, "S-1-3", SeatStatus.BOOKED,
                "S-1-5", SeatStatus.BOOKED);

        byte[] bytes = Base64.getDecoder().decode(SeatStateBits.encode(seats, states));

        // seats 1-4: 01 00 10 00; seat 5: 10 then padding
        assertArrayEquals(new byte[] {(byte) 0b0100_1000, (byte) 0b1000_0000}, bytes);
    }

    @Test
    void decodeGivesBackEveryStateInLayoutOrder() {
        List<Seat> seats = seats(9);
        Map<String, SeatStatus> states = Map.of("S-1-2", SeatStatus.BOOKED, "S-1-4", SeatStatus.PENDING,
                "S-1-9", SeatStatus.PENDING);

        int[] codes = SeatStateBits.decode(SeatStateBits.encode(seats, states), seats.size());

        assertArrayEquals(new int[] {0, 2, 0, 1, 0, 0, 0, 0, 1}, codes);
    }

    @Test
    void aSeatListedAsAvailableIsEncodedAsOneThatIsNotListed() {
        int[] codes = SeatStateBits.decode(SeatStateBits.encode(seats(2), Map.of("S-1-2", SeatStatus.AVAILABLE)), 2);

        assertArrayEquals(new int[] {SeatStateBits.AVAILABLE, SeatStateBits.AVAILABLE}, codes);
    }

    @Test
    void fiveThousandSeatsAreAFewKilobytesWhateverTheirStates() {
        List<Seat> seats = seats(5_000);
        Map<String, SeatStatus> allBooked = new HashMap<>();
        seats.forEach(s -> allBooked.put(s.seatId(), SeatStatus.BOOKED));

        String empty = SeatStateBits.encode(seats, Map.of());
        String full = SeatStateBits.encode(seats, allBooked);

        assertEquals(1_668, empty.length());
        assertEquals(empty.length(), full.length());
    }

    @Test
    void decodeRefusesAnEncodingOfAnotherSeatCount() {
        String five = SeatStateBits.encode(seats(5), Map.of());

        assertThrows(IllegalArgumentException.class, () -> SeatStateBits.decode(five, 9));
    }
}
