package io.pgautogen.canonical;

import java.sql.SQLException;
import java.util.Set;

import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.declaration.DeclaredStatement;
import io.pgautogen.kind.KindSupport;
import io.pgautogen.kind.Kinds;

/** One declaration's statement as the sandbox runs it, and how its latest run went. */
final class PlannedStatement {

	/** SQLSTATEs of a statement that names an object not created yet: it may succeed once others ran. */
	static final Set<String> UNDEFINED = Set.of("42883", "42P01", "42704", "3F000");

	static final String UNDEFINED_FUNCTION = "42883";

	/** The declaration, or {@code null} for an object restored from the catalog. */
	final DeclaredStatement declared;

	/** The object an undeclared statement restores, or {@code null}. */
	final CatalogObject restored;

	final KindSupport kind;

	final SentStatement sent;

	SQLException failure;

	int sequence = -1;

	PlannedStatement(DeclaredStatement declared, ServerVersion server) {
		this.declared = declared;
		this.restored = null;
		this.kind = Kinds.of(declared.declaration().kind());
		KindSupport.SandboxStatement statement = this.kind.sandboxStatement(declared.head(), server);
		this.sent = new SentStatement(declared.head(), statement.sql(), statement.orReplace());
	}

	/**
	 * Recreates an object pgautogen does not manage that the sandbox dropped along with a displaced
	 * one, so that declarations using it still run: a view between two declared ones, for instance.
	 */
	private PlannedStatement(CatalogObject restored) {
		this.declared = null;
		this.restored = restored;
		this.kind = Kinds.of(restored.kind());
		this.sent = new SentStatement(null, String.join(";\n", this.kind.sandboxStatements(restored)), false);
	}

	static PlannedStatement restoring(CatalogObject object) {
		return new PlannedStatement(object);
	}

	ObjectKind objectKind() {
		return this.kind.kind();
	}

	/**
	 * Whether the statement writes a catalog row of its kind's own (an index declared with its
	 * materialized view writes none: it is part of the view).
	 */
	boolean createsObject() {
		return this.declared != null && !this.declared.head().createsIndex();
	}

	/** Order in the sandbox: functions, views, materialized views and their indexes, triggers. */
	int rank() {
		return objectKind().ordinal() * 2 + ((this.declared != null && this.declared.head().createsIndex()) ? 1 : 0);
	}

	void reset() {
		this.failure = null;
		this.sequence = -1;
	}

	void record(SQLException outcome, Sequence counter) {
		this.failure = outcome;
		if (outcome == null) {
			this.sequence = counter.next++;
		}
	}

	boolean succeeded() {
		return this.failure == null && this.sequence >= 0;
	}

	boolean failedOnUndefined() {
		return this.failure != null && UNDEFINED.contains(this.failure.getSQLState());
	}

	/** Whether PostgreSQL refused to replace an existing object with this statement's. */
	boolean refusedReplacement() {
		return this.failure != null && this.kind.refusedReplacement().contains(this.failure.getSQLState());
	}

	/** Counts successful statement runs; later runs rewrite rows with later transaction ids. */
	static final class Sequence {

		private int next;
	}
}
