package kr.tickets.common;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/** Time-sortable identifiers (UUID version 7), so keys that embed them sort by creation. */
public final class Ids {
    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private Ids() {
    }

    public static String newId() {
        return GENERATOR.generate().toString();
    }
}
