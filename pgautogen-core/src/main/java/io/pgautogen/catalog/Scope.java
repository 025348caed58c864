package io.pgautogen.catalog;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of a database pgautogen manages: objects of {@code kinds} in {@code schemas} whose
 * identity matches none of the exclusion patterns. Inside the scope, the declarations are the whole
 * truth; outside it, nothing is read or touched.
 *
 * @param schemas the inspected schemas
 * @param kinds the managed kinds
 * @param excludePatterns identity patterns to leave alone; {@code *} matches any run of characters,
 * {@code ?} any one character, e.g. {@code public.legacy_*} or {@code audit.*.*}
 */
public record Scope(List<String> schemas, Set<ObjectKind> kinds, List<String> excludePatterns) {

	public Scope {
		schemas = List.copyOf(schemas);
		kinds = Set.copyOf(kinds);
		excludePatterns = List.copyOf(excludePatterns);
	}

	/** Whether {@code identity} matches one of the exclusion patterns. */
	public boolean isExcluded(String identity) {
		return excludingPattern(identity) != null;
	}

	/** The first exclusion pattern {@code identity} matches, or {@code null}. */
	public String excludingPattern(String identity) {
		for (String pattern : this.excludePatterns) {
			if (glob(pattern).matcher(identity).matches()) {
				return pattern;
			}
		}
		return null;
	}

	/** Whether {@code object} lies inside this scope. */
	public boolean includes(CatalogObject object) {
		return this.kinds.contains(object.kind()) && this.schemas.contains(object.schema())
				&& !isExcluded(object.identity());
	}

	private static Pattern glob(String pattern) {
		StringBuilder regex = new StringBuilder();
		for (char c : pattern.toCharArray()) {
			switch (c) {
				case '*' -> regex.append(".*");
				case '?' -> regex.append('.');
				default -> regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return Pattern.compile(regex.toString(), Pattern.DOTALL);
	}
}
