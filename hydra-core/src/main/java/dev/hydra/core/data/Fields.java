package dev.hydra.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hydra.api.CorruptDataException;
import dev.hydra.api.UserId;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** Reads the fields of one JSON record; every failure names the file, the record and the field. */
final class Fields {

    private final String where;

    /**
     * Creates the reader of one record.
     *
     * @param where the file and the record, e.g. {@code "data.json: question 3 (id \"q3\", line 40)"}
     */
    Fields(String where) {
        this.where = where;
    }

    String where() {
        return where;
    }

    Fields nested(String what) {
        return new Fields(where + ", " + what);
    }

    CorruptDataException error(String field, String reason) {
        return new CorruptDataException(where, "field \"" + field + "\" " + reason);
    }

    /** A required text; numbers and booleans are taken as their text (LaMP-3 scores may be numbers). */
    String text(JsonNode record, String field) {
        JsonNode v = record.get(field);
        if (v == null || v.isNull()) {
            throw error(field, "is missing");
        }
        if (!v.isValueNode()) {
            throw error(field, "must be a string, was " + v.getNodeType().toString().toLowerCase(Locale.ROOT));
        }
        return v.asText();
    }

    /** An id: a non-blank string or an integer. */
    String id(JsonNode record, String field) {
        String id = text(record, field);
        if (id.isBlank()) {
            throw error(field, "must not be blank");
        }
        return id;
    }

    UserId user(JsonNode record, String field) {
        String value = text(record, field);
        try {
            return UserId.of(value);
        } catch (IllegalArgumentException e) {
            throw error(field, "is not a valid user id: " + e.getMessage());
        }
    }

    /**
     * An optional time: an ISO-8601 instant ({@code 2018-03-02T10:00:00Z}), a date ({@code 2018-03-02}, UTC
     * midnight), or Unix epoch seconds (a number, or a string of digits, as the Amazon and MovieLens data have).
     */
    Instant time(JsonNode record, String field) {
        JsonNode v = record.get(field);
        if (v == null || v.isNull()) {
            return Instant.EPOCH;
        }
        String s = v.isTextual() ? v.asText().trim() : "";
        try {
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return Instant.ofEpochSecond(v.asLong());
            }
            if (!s.isEmpty() && s.length() <= 12 && s.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(s));
            }
            return s.length() <= 10 ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(s);
        } catch (DateTimeException e) { // unparsable, or beyond the range of an instant
            throw error(field, "is not an ISO-8601 date (2018-03-02), instant (2018-03-02T10:00:00Z) or epoch "
                    + "seconds: " + v);
        }
    }
}
