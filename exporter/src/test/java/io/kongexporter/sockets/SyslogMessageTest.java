package io.kongexporter.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The MSG of syslog messages as RFC 5424, RFC 3164, logger, rsyslog and syslog-ng write them. */
class SyslogMessageTest {
    private static String msg(String message) throws SyslogMessage.Malformed {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        int start = SyslogMessage.msgStart(bytes, 0, bytes.length);
        return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <14>1 2026-11-29T23:00:00.123456+00:00 dp-1 kong 1234 - - {"a":1}                                                    | {"a":1}
            <165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventID="1011"] {"a":1} | {"a":1}
            <13>1 2026-11-29T23:14:35.857370+00:00 vm kong - - [timeQuality tzKnown="1" isSynced="0"][x@1 a="b\\]c [d]"] {"a":1} | {"a":1}
            <13>1 - - - - - [x@1 q="say \\"]\\" twice"] {"a":"]"}                                                                | {"a":"]"}
            <14>1 2026-11-29T23:00:00Z host kong - - -                                                                            | ''
            <13>Nov 29 23:14:36 vm kong: {"a":1}                                                                                  | {"a":1}
            <13>Nov  9 03:04:05 vm kong[4242]: {"a":1}                                                                            | {"a":1}
            <14>Nov 29 23:14:36 kong[4242]: {"a":1}                                                                               | {"a":1}
            <14>2026-11-29T23:14:36.123+01:00 dp-1.example kong: {"a":1}                                                          | {"a":1}
            <14>Nov 29 23:14:36 dp-1 {"a":1}                                                                                      | {"a":1}
            <14>Nov 29 23:14:36 dp-1 kong: [{"a":1}]                                                                              | [{"a":1}]
            """)
    void finds_the_msg_after_the_header(String message, String expected) throws Exception {
        assertThat(msg(message.strip()).strip()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void skips_the_bom_rfc5424_puts_before_a_utf8_msg() throws Exception {
        assertThat(msg("<14>1 2026-11-29T23:00:00Z host kong - - - \uFEFF{\"a\":\"ü\"}")).isEqualTo("{\"a\":\"ü\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1}", "<14 {\"a\":1}", "<1234>1 - - - - - - x", "<>x", "<14>1 2026-11-29T23:00:00Z host",
            "<14>1 - - - - - [unclosed a=\"b\"", "<14>1 - - - - - x {\"a\":1}"})
    void refuses_what_is_not_syslog(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SyslogMessage.msgStart(bytes, 0, bytes.length)).isInstanceOf(SyslogMessage.Malformed.class);
    }
}
