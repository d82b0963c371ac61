package kr.tickets.ops;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Unit-test fake of the NTP port: each server answers its scripted sample or times out; remembers who was asked. */
class ScriptedNtpTimeSource implements NtpTimeSource {
    private final Map<String, Sample> answers = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    ScriptedNtpTimeSource answers(String server, long offsetMs, long delayMs) {
        answers.put(server, new Sample(offsetMs, delayMs));
        return this;
    }

    @Override
    public Sample ask(NtpServer server) throws IOException {
        asked.add(server.toString());
        Sample sample = answers.get(server.toString());
        if (sample == null) {
            throw new SocketTimeoutException("Receive timed out");
        }
        return sample;
    }

    List<String> asked() {
        return List.copyOf(asked);
    }
}
