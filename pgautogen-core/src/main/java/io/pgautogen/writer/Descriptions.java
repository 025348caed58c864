package io.pgautogen.writer;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

import io.pgautogen.diff.Change;
import io.pgautogen.plan.MigrationPlan;

/** Migration descriptions, and the file-name-safe form of them. */
public final class Descriptions {

	private static final int MAX_LENGTH = 60;

	private static final String FALLBACK = "pgautogen";

	private Descriptions() {
	}

	/**
	 * Turns any text into lower-case ASCII words joined by {@code _}: no path separators, no dots, at
	 * most 60 characters, never empty. Accents are dropped ({@code é} → {@code e}); other characters
	 * separate words.
	 */
	public static String toFileName(String description) {
		if (description == null) {
			return FALLBACK;
		}
		String ascii = Normalizer.normalize(description, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
		String words = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
		if (words.length() > MAX_LENGTH) {
			words = words.substring(0, MAX_LENGTH).replaceAll("_+$", "");
		}
		return words.isEmpty() ? FALLBACK : words;
	}

	/** The file-name part for {@code description}, or for a description of {@code plan} when there is none. */
	static String fileName(String description, MigrationPlan plan) {
		return toFileName((description != null) ? description : describe(plan));
	}

	/** A description of {@code plan}: the change itself when there is one, else how many there are. */
	public static String describe(MigrationPlan plan) {
		if (plan.changes().size() == 1) {
			Change change = plan.changes().get(0);
			String name = (change.desired() != null) ? change.desired().name() : change.current().name();
			return change.action().label() + " " + change.kind().label() + " " + name;
		}
		List<String> kinds = plan.changes().stream().map(change -> change.kind()).distinct().sorted()
			.map(kind -> kind.label()).toList();
		String joined = (kinds.size() == 1) ? kinds.get(0)
				: String.join(", ", kinds.subList(0, kinds.size() - 1)) + " and " + kinds.get(kinds.size() - 1);
		return plan.changes().size() + " " + joined + " changes";
	}
}
