package dev.liveloom.core.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentRangeTest {

    @Test
    void readsAndWritesTheThreeForms() {
        assertThat(ContentRange.read("bytes 0-499/1234")).isEqualTo(new ContentRange(0, 499, 1234));
        assertThat(ContentRange.read("bytes 734-1233/*")).isEqualTo(new ContentRange(734, 1233, -1));
        assertThat(ContentRange.read("bytes */1234")).isEqualTo(new ContentRange(-1, -1, 1234));
        assertThat(ContentRange.read("BYTES  5-5/6 ")).isEqualTo(new ContentRange(5, 5, 6));
        assertThat(ContentRange.read("bytes */1234").unsatisfied()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bytes 0-499/1234",
                "bytes 734-1233/*",
                "bytes */1234",
                "bytes 0-0/1",
                "bytes 0-999999999999999999/*"
            })
    void roundTrips(String header) {
        assertThat(ContentRange.read(header).write()).isEqualTo(header);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "bytes",
                "items 0-1/2",
                "bytes 0-1",
                "bytes 5-4/10",
                "bytes 0-10/10",
                "bytes -1-4/10",
                "bytes 0-4/-10",
                "bytes */*",
                "bytes a-4/10",
                "bytes 0-1/9999999999999999999",
                "bytes 1/2"
            })
    void rejectsMalformedValues(String header) {
        assertThat(ContentRange.read(header)).isNull();
    }

    @Test
    void rejectsOverlongValues() {
        assertThat(ContentRange.read("bytes 0-1/2" + " ".repeat(ContentRange.MAX_HEADER_LENGTH)))
                .isNull();
        assertThat(ContentRange.read(null)).isNull();
    }
}
