package io.pgautogen.diff;

import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;

import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.declaration.DeclarationSource;

/**
 * One object the migration changes.
 *
 * @param action what happens to it
 * @param kind what the object is (what it becomes, when a view becomes a materialized view or the
 * other way round)
 * @param identity the object's identity
 * @param source the declaration behind the desired definition, or {@code null} for drops and for
 * objects pgautogen does not manage, recreated only because they depend on a changed object
 * @param current the object as it is, or {@code null} when it does not exist
 * @param desired the object as declared, or {@code null} when it is dropped
 * @param reason why an object that did not change itself is recreated, or {@code null}
 */
public record Change(Action action, ObjectKind kind, String identity, DeclarationSource source,
		CatalogObject current, CatalogObject desired, String reason) {

	/** The current canonical definition, or {@code null}. */
	public String currentDefinition() {
		return (this.current != null) ? this.current.definition() : null;
	}

	/** The desired canonical definition, or {@code null}. */
	public String desiredDefinition() {
		return (this.desired != null) ? this.desired.definition() : null;
	}

	/** A unified diff from the current to the desired definition, or {@code null} when they are equal or one is missing. */
	public String diff() {
		if (this.current == null || this.desired == null || this.current.definition().equals(this.desired.definition())) {
			return null;
		}
		List<String> from = this.current.definition().lines().toList();
		List<String> to = this.desired.definition().lines().toList();
		List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("current/" + this.identity,
				"desired/" + this.identity, from, DiffUtils.diff(from, to), 3);
		return String.join("\n", unified);
	}

	/** A one-line summary, e.g. {@code replace function public.audit() (db/pgautogen/audit.sql:1)}. */
	public String summary() {
		String origin = (this.source != null) ? " (" + this.source + ")" : "";
		String why = (this.reason != null) ? " [" + this.reason + "]" : "";
		return this.action.label() + " " + this.kind.label() + " " + this.identity + origin + why;
	}
}
