package io.pgautogen.catalog;

import java.util.Locale;

/** The kinds of database objects pgautogen manages. */
public enum ObjectKind {

	/** Functions and procedures ({@code pg_proc} rows with {@code prokind} {@code f} or {@code p}). */
	FUNCTION("function", "functions"),

	/** Views ({@code pg_class} rows with {@code relkind} {@code v}), recursive ones included. */
	VIEW("view", "views"),

	/** Materialized views ({@code relkind} {@code m}), with their indexes. */
	MATERIALIZED_VIEW("materialized-view", "materialized-views"),

	/** Table and view triggers ({@code pg_trigger}), constraint triggers included. */
	TRIGGER("trigger", "triggers");

	private final String label;

	private final String pluralLabel;

	ObjectKind(String label, String pluralLabel) {
		this.label = label;
		this.pluralLabel = pluralLabel;
	}

	/** Lower-case singular name, as used in plans and messages: {@code function}, {@code materialized-view}, … */
	public String label() {
		return this.label;
	}

	/** Lower-case plural name, as used for managed kinds: {@code functions}, {@code materialized-views}, … */
	public String pluralLabel() {
		return this.pluralLabel;
	}

	/** Parses a singular or plural label, ignoring case; {@code _} may stand for {@code -}. */
	public static ObjectKind fromLabel(String label) {
		String normalized = label.trim().toLowerCase(Locale.ROOT).replace('_', '-');
		for (ObjectKind kind : values()) {
			if (kind.label.equals(normalized) || kind.pluralLabel.equals(normalized)) {
				return kind;
			}
		}
		throw new IllegalArgumentException("Unknown object kind '" + label + "'; expected one of 'functions', 'views',"
				+ " 'materialized-views', 'triggers'");
	}
}
