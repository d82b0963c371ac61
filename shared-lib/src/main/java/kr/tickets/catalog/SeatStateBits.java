package kr.tickets.catalog;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The live states of a schedule's seats as two bits a seat, in the layout's seat order, base64
 * encoded: a 5,000-seat schedule is 1,250 bytes (1,668 characters) whatever its seats' states,
 * against about 770 KB for the full seat map. Seat {@code i} is in byte {@code i / 4}, the first
 * seat of a byte in its two highest bits; {@code 0} AVAILABLE, {@code 1} PENDING, {@code 2}
 * BOOKED ({@code 3} is unused). A fixed size per seat, rather than a list of taken seats, keeps
 * the document's size (and so the bytes every viewer downloads each second) independent of how
 * sold out the schedule is.
 */
public final class SeatStateBits {
    public static final int AVAILABLE = 0;
    public static final int PENDING = 1;
    public static final int BOOKED = 2;
    /** How clients are told which encoding {@link #encode} used, in case another follows. */
    public static final String ENCODING = "2bit-base64";

    private SeatStateBits() {
    }

    /**
     * Encodes {@code states} (seat id → state, for the seats that are not AVAILABLE, as
     * {@link CatalogRepository#seatStates} answers) in the order of {@code seats}.
     */
    public static String encode(List<Seat> seats, Map<String, SeatStatus> states) {
        byte[] bits = new byte[(seats.size() + 3) / 4];
        for (int i = 0; i < seats.size(); i++) {
            int code = switch (states.getOrDefault(seats.get(i).seatId(), SeatStatus.AVAILABLE)) {
                case AVAILABLE -> AVAILABLE;
                case PENDING -> PENDING;
                case BOOKED -> BOOKED;
            };
            bits[i / 4] |= (byte) (code << shift(i));
        }
        return Base64.getEncoder().encodeToString(bits);
    }

    /** The state code of each of {@code count} seats; what a client does with the document. */
    public static int[] decode(String encoded, int count) {
        byte[] bits = Base64.getDecoder().decode(encoded);
        if (bits.length != (count + 3) / 4) {
            throw new IllegalArgumentException("expected " + (count + 3) / 4 + " bytes for " + count + " seats, got "
                    + bits.length);
        }
        int[] codes = new int[count];
        for (int i = 0; i < count; i++) {
            codes[i] = (bits[i / 4] >> shift(i)) & 3;
        }
        return codes;
    }

    private static int shift(int seat) {
        return 6 - 2 * (seat % 4);
    }
}
