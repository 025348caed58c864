package io.pgautogen.writer;

import java.math.BigInteger;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the version of the next migration by continuing the style of the existing ones: integers
 * ({@code 7} → {@code 8}, keeping zero padding), dotted or underscored versions ({@code 1.2},
 * {@code 1_2} → the next major, {@code 2}), timestamps of 12 or more digits (→ a new timestamp of the
 * same length, later than every existing one).
 */
final class Versions {

	private static final int TIMESTAMP_DIGITS = 12;

	private Versions() {
	}

	static String next(Collection<String> existing, VersionStyle defaultStyle, Clock clock) {
		Optional<List<BigInteger>> highest = existing.stream()
			.map(Versions::parse)
			.max(Versions::compare);
		if (highest.isEmpty()) {
			return (defaultStyle == VersionStyle.TIMESTAMP) ? timestamp(clock, 14) : "1";
		}
		String major = majorText(existing, highest.get());
		BigInteger value = highest.get().get(0);
		if (major.length() >= TIMESTAMP_DIGITS) {
			String now = timestamp(clock, (major.length() == TIMESTAMP_DIGITS) ? TIMESTAMP_DIGITS : 14);
			return (new BigInteger(now).compareTo(value) > 0) ? now : value.add(BigInteger.ONE).toString();
		}
		String next = value.add(BigInteger.ONE).toString();
		return (major.startsWith("0") && next.length() < major.length())
				? "0".repeat(major.length() - next.length()) + next : next;
	}

	private static String majorText(Collection<String> existing, List<BigInteger> highest) {
		return existing.stream()
			.filter(version -> compare(parse(version), highest) == 0)
			.map(version -> version.split("[._]")[0])
			.max(Comparator.comparingInt(String::length))
			.orElseThrow();
	}

	private static List<BigInteger> parse(String version) {
		return java.util.Arrays.stream(version.split("[._]")).map(BigInteger::new).toList();
	}

	private static int compare(List<BigInteger> a, List<BigInteger> b) {
		for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
			BigInteger x = (i < a.size()) ? a.get(i) : BigInteger.ZERO;
			BigInteger y = (i < b.size()) ? b.get(i) : BigInteger.ZERO;
			int result = x.compareTo(y);
			if (result != 0) {
				return result;
			}
		}
		return 0;
	}

	private static String timestamp(Clock clock, int digits) {
		String pattern = (digits == TIMESTAMP_DIGITS) ? "yyyyMMddHHmm" : "yyyyMMddHHmmss";
		return DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC).format(clock.instant());
	}
}
