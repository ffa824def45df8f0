package com.stack.sandbox.alpaca.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class UlidsTest {

    @Test
    void theTimeIsTheFirstTenCharactersAndTheRandomnessTheLastSixteen() {
        // the specification's example time
        assertThat(Ulids.encode(1_469_918_176_385L, 0, 0)).isEqualTo("01ARYZ6S41" + "0".repeat(16));
        assertThat(Ulids.encode((1L << 48) - 1, 0xFFFF, -1L)).isEqualTo("7" + "Z".repeat(25));
        assertThat(Ulids.encode(0, 0, 1)).isEqualTo("0".repeat(25) + "1");
        assertThat(Ulids.encode(0, 1, 0)).isEqualTo("0".repeat(13) + "G" + "0".repeat(12));
    }

    @Test
    void idsStrictlyIncreaseWithinAMillisecondAndWhenTheClockStepsBack() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        Ulids ulids = new Ulids(clock::get, new SplittableRandom(7));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(ulids.next());
            if (i % 100 == 0) {
                clock.addAndGet(i % 200 == 0 ? 1 : -5);
            }
        }
        assertThat(ids)
                .isSorted()
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(Ulids.isValid(id)).isTrue());
    }

    @Test
    void onlyCrockfordBase32OfTwentySixCharactersIsAUlid() {
        assertThat(Ulids.isValid("01ARYZ6S41TSV4RRFFQ69G5FAV")).isTrue();
        assertThat(Ulids.isValid("01ARYZ6S41TSV4RRFFQ69G5FA")).isFalse();
        assertThat(Ulids.isValid("01ARYZ6S41TSV4RRFFQ69G5FAI")).isFalse();
        assertThat(Ulids.isValid("01aryz6s41tsv4rrffq69g5fav")).isFalse();
        assertThat(Ulids.isValid("81ARYZ6S41TSV4RRFFQ69G5FAV")).isFalse();
        assertThat(Ulids.isValid(null)).isFalse();
    }
}
