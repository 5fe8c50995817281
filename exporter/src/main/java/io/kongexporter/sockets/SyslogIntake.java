package io.kongexporter.sockets;

/**
 * One syslog message, from a datagram or a TCP frame: strips the header (and a trailing newline or NUL), hands
 * the MSG, Kong's JSON entry, to the pipeline. A frame that is not syslog is counted unparsable.
 */
final class SyslogIntake {
    private final MessageIntake intake;

    SyslogIntake(MessageIntake intake) {
        this.intake = intake;
    }

    void message(byte[] bytes, int offset, int length) {
        int end = offset + length;
        while (end > offset && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r' || bytes[end - 1] == 0)) {
            end--;
        }
        if (end == offset) {
            return;
        }
        int msg;
        try {
            msg = SyslogMessage.msgStart(bytes, offset, end);
        } catch (SyslogMessage.Malformed e) {
            intake.reject(MessageResult.UNPARSABLE, "not syslog messages");
            return;
        }
        if (LineConnection.blank(bytes, msg, end - msg)) {
            intake.reject(MessageResult.UNPARSABLE, "syslog messages without a MSG");
            return;
        }
        intake.deliver(bytes, msg, end - msg);
    }

    void reject(MessageResult result, String why) {
        intake.reject(result, why);
    }
}
