package io.pgautogen.catalog;

import java.util.Locale;

/** The kinds of database objects pgautogen manages. */
public enum ObjectKind {

	/** Functions and procedures ({@code pg_proc} rows with {@code prokind} {@code f} or {@code p}). */
	FUNCTION("function", "functions"),

	/** Table and view triggers ({@code pg_trigger}), constraint triggers included. */
	TRIGGER("trigger", "triggers");

	private final String label;

	private final String pluralLabel;

	ObjectKind(String label, String pluralLabel) {
		this.label = label;
		this.pluralLabel = pluralLabel;
	}

	/** Lower-case singular name, as used in plans and messages: {@code function}, {@code trigger}. */
	public String label() {
		return this.label;
	}

	/** Lower-case plural name, as used for managed kinds: {@code functions}, {@code triggers}. */
	public String pluralLabel() {
		return this.pluralLabel;
	}

	/** Parses a singular or plural label, ignoring case. */
	public static ObjectKind fromLabel(String label) {
		String normalized = label.trim().toLowerCase(Locale.ROOT);
		for (ObjectKind kind : values()) {
			if (kind.label.equals(normalized) || kind.pluralLabel.equals(normalized)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown object kind '" + label + "'; expected 'functions' or 'triggers'");
	}
}
