package io.kongsimulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LuaNumberFormatTest {

    @ParameterizedTest
    @CsvSource({
            "1750156812347100000, 1.7501568123471e+18",
            "1750156812347000000, 1.750156812347e+18",
            "1750156812347149999, 1.7501568123471e+18",
            "1750156812347150001, 1.7501568123472e+18",
            "1000000000000000000, 1e+18",
            "9223372036854775807, 9.2233720368548e+18",
            "999999999999995000, 1e+18",
            "123456789012345, 1.2345678901234e+14",
            "123456789012355, 1.2345678901236e+14",
            "100000000000000, 1e+14",
            "99999999999999, 99999999999999",
            "21504, 21504",
            "0, 0"})
    void whole_numbers_print_like_lua_cjsons_percent_point_14_g(long value, String expected) {
        char[] out = new char[24];

        int length = LuaNumberFormat.format(value, out);

        assertThat(new String(out, 0, length)).isEqualTo(expected);
    }
}
