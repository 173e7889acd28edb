package org.vitalgate.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.vitalgate.testing.PayloadSchemas;
import org.vitalgate.uplink.LogThrottle;
import org.vitalgate.uplink.payload.JsonV1;

/**
 * Every request gets exactly one answer, and every answer passes the real encoder and the published schema: the
 * handler and the encoder share one validation ({@code CommandIds}).
 */
class RemoteCommandsTest {
    record Answer(String requestId, boolean ok, String message, Map<String, Object> details) {
    }

    private final List<Answer> answers = new ArrayList<>();
    private final JsonV1 json = new JsonV1("hub-1");
    private final RemoteCommands commands = new RemoteCommands((id, ok, message, details) -> {
        answers.add(new Answer(id, ok, message, Map.copyOf(details)));
        // what the agent does with an answer: encode it (throws if the encoder disagrees) and publish
        byte[] sent = JsonV1.stampPublished(json.commandResult(id, ok, message, details, Instant.EPOCH), Instant.EPOCH);
        PayloadSchemas.assertValid(PayloadSchemas.Kind.COMMAND_RESULT, sent);
    }, () -> Map.of("lastSeq", 7L));

    @Test
    void validRequestsAreAnswered() {
        commands.onCommand("ping", bytes("{\"requestId\":\"r1\"}"));
        commands.onCommand("status", bytes("{\"requestId\":\"a.b:c-d_e\"}"));
        assertThat(answers).extracting(Answer::requestId, Answer::ok).containsExactly(
                org.assertj.core.groups.Tuple.tuple("r1", true), org.assertj.core.groups.Tuple.tuple("a.b:c-d_e", true));
        assertThat(answers.get(1).details()).containsEntry("lastSeq", 7L);
    }

    @Test
    void aRequestIdTheEncoderWouldRefuseIsAnsweredOnTheInvalidTopic() {
        // before: "_under" passed the handler's pattern, the encoder threw, no answer and a stack trace
        for (String bad : List.of("_under", "-dash", ".dot", "a/b", "a+b", "a#", "x".repeat(65), "", "é")) {
            answers.clear();
            commands.onCommand("ping", bytes("{\"requestId\":\"" + bad + "\"}"));
            assertThat(answers).as(bad).singleElement().satisfies(a -> {
                assertThat(a.requestId()).isEqualTo("_invalid");
                assertThat(a.ok()).isFalse();
                assertThat(a.details()).containsEntry("reason", "request-id-invalid").containsEntry("command", "ping");
            });
        }
    }

    @Test
    void everyMalformedRequestGetsOneTypedAnswer() {
        Map<String, byte[]> cases = new java.util.LinkedHashMap<>();
        cases.put("payload-not-json", bytes("not json {"));
        cases.put("payload-not-object", bytes("[]"));
        cases.put("request-id-missing", bytes("{}"));
        cases.put("request-id-invalid", bytes("{\"requestId\":5}"));
        cases.put("payload-too-large", bytes("{\"requestId\":\"r1\",\"pad\":\"" + "x".repeat(5000) + "\"}"));
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            answers.clear();
            commands.onCommand("ping", c.getValue());
            assertThat(answers).as(c.getKey()).singleElement().satisfies(a -> {
                assertThat(a.requestId()).isEqualTo("_invalid");
                assertThat(a.details()).containsEntry("reason", c.getKey());
            });
        }
        answers.clear();
        commands.onCommand("ping", new byte[0]);
        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.requestId()).isEqualTo("_invalid");
            assertThat(a.details()).containsEntry("reason", "payload-not-json");
        });
    }

    @Test
    void commandNamesAreValidatedAndQuotedOnlyInPart() {
        String huge = "A".repeat(5000);
        commands.onCommand(huge, bytes("{\"requestId\":\"r9\"}"));
        commands.onCommand("Ping", bytes("{\"requestId\":\"r10\"}"));
        commands.onCommand("reboot", bytes("{\"requestId\":\"r11\"}"));
        assertThat(answers).extracting(Answer::requestId).containsExactly("r9", "r10", "r11");
        assertThat(answers).allSatisfy(a -> assertThat(a.ok()).isFalse());
        Answer first = answers.get(0);
        assertThat(first.details()).containsEntry("reason", "command-name-invalid");
        assertThat(first.message()).hasSizeLessThan(200).contains("5000 characters");
        assertThat(first.details().get("command").toString()).hasSizeLessThan(50);
        assertThat(answers.get(2).details()).containsEntry("reason", "unknown-command").containsEntry("command", "reboot");
    }

    @Test
    void aFloodOfBadRequestsLogsOneLinePerReasonPerInterval() {
        AtomicLong now = new AtomicLong();
        LogThrottle throttle = new LogThrottle(Duration.ofMinutes(1), 16, now::get);
        RemoteCommands flooded = new RemoteCommands((id, ok, m, d) -> { }, Map::of, throttle);
        for (int i = 0; i < 10_000; i++) {
            flooded.onCommand("ping", bytes("{\"requestId\":\"_x" + i + "\"}"));
        }
        // one line was written for the first; the next line, a minute later, reports the other 9 999
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(throttle.admit("request-id-invalid")).hasValue(9_999L);
        assertThat(throttle.size()).isEqualTo(1);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
