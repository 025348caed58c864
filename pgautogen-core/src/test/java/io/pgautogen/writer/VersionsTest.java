package io.pgautogen.writer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class VersionsTest {

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T18:30:45Z"), ZoneOffset.UTC);

	@Test
	void emptyDirectoryStartsWithTheDefaultStyle() {
		assertThat(Versions.next(List.of(), VersionStyle.INTEGER, this.clock)).isEqualTo("1");
		assertThat(Versions.next(List.of(), VersionStyle.TIMESTAMP, this.clock)).isEqualTo("20261124183045");
	}

	@Test
	void integersContinueAfterTheHighestKeepingZeroPadding() {
		assertThat(Versions.next(List.of("2", "10", "9"), VersionStyle.TIMESTAMP, this.clock)).isEqualTo("11");
		assertThat(Versions.next(List.of("001", "007"), VersionStyle.INTEGER, this.clock)).isEqualTo("008");
		assertThat(Versions.next(List.of("0099"), VersionStyle.INTEGER, this.clock)).isEqualTo("0100");
	}

	@Test
	void dottedAndUnderscoredVersionsContinueWithTheNextMajor() {
		assertThat(Versions.next(List.of("1.2", "1.10", "1_3"), VersionStyle.INTEGER, this.clock)).isEqualTo("2");
		assertThat(Versions.next(List.of("3_1_4"), VersionStyle.INTEGER, this.clock)).isEqualTo("4");
	}

	@Test
	void timestampsGetANewTimestampOfTheSameLength() {
		assertThat(Versions.next(List.of("20250101120000"), VersionStyle.INTEGER, this.clock)).isEqualTo("20261124183045");
		assertThat(Versions.next(List.of("202501011200"), VersionStyle.INTEGER, this.clock)).isEqualTo("202611241830");
	}

	@Test
	void timestampsStayAheadOfExistingOnesFromTheFuture() {
		assertThat(Versions.next(List.of("20991231235959"), VersionStyle.INTEGER, this.clock)).isEqualTo("20991231235960");
	}
}
