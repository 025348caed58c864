package io.pgautogen.kind;

import java.util.List;
import java.util.Set;

import io.pgautogen.catalog.CatalogObject;
import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.ServerVersion;
import io.pgautogen.diff.Action;
import io.pgautogen.sql.CreateStatement;

/**
 * Everything pgautogen knows about one kind of object; the pipeline steps ask this instead of
 * testing kinds. Look one up with {@link Kinds#of(ObjectKind)}.
 */
public interface KindSupport {

	/** The kind. */
	ObjectKind kind();

	/** Whether a declaration of this kind may hold a statement with {@code head}. */
	boolean declares(CreateStatement head);

	/** The statements a declaration of this kind holds, for messages: {@code CREATE VIEW}. */
	String expectedStatements();

	/** The declaration type in code: {@code PgView}. */
	String declarationType();

	/**
	 * The statement the sandbox runs for a declaration: a head pgautogen writes itself followed by the
	 * declared text after the object keyword(s) (see {@link CreateStatement#rewritten(boolean)}).
	 * @param head the declared statement
	 * @param server the server
	 */
	SandboxStatement sandboxStatement(CreateStatement head, ServerVersion server);

	/**
	 * SQLSTATEs with which PostgreSQL refuses to let a declaration replace an existing object, which
	 * must then be displaced (dropped at the start of the sandbox).
	 */
	Set<String> refusedReplacement();

	/** The kinds of existing objects such a refusal can be about. */
	default Set<ObjectKind> collidesWith() {
		return Set.of(kind());
	}

	/**
	 * Whether {@code existing} must be dropped at the start of the sandbox whenever declarations of
	 * this kind run, because a declaration can never replace it in place.
	 */
	default boolean droppedBeforeSandbox(CatalogObject existing, ServerVersion server) {
		return false;
	}

	/** How this kind is read from the catalog. */
	KindQueries queries();

	/**
	 * The statements that create an object read from the catalog.
	 * @param definition the main statement as printed
	 * @param attached statements printed for what belongs to the object (a materialized view's indexes)
	 * @param traits the object's traits
	 */
	default List<String> createStatements(String definition, List<String> attached, Set<CatalogObject.Trait> traits) {
		return List.of(definition);
	}

	/**
	 * The statements that create an object read from the catalog inside the sandbox, where no
	 * view's query may run.
	 */
	default List<String> sandboxStatements(CatalogObject object) {
		return object.createStatements();
	}

	/** The text two objects are compared by: {@code definition} and what belongs to it. */
	default String comparedDefinition(String definition, List<String> attached) {
		return definition;
	}

	/**
	 * What turns {@code from} into {@code to}, two objects of this kind with the same identity, or
	 * {@code null} when they are the same.
	 */
	default Action change(CatalogObject from, CatalogObject to, ServerVersion server) {
		if (from.definition().equals(to.definition()) && from.columns().equals(to.columns())) {
			return null;
		}
		return replaceable(from, to, server) ? Action.REPLACE : Action.RECREATE;
	}

	/**
	 * Whether {@link #replaceStatement} can turn {@code from} into {@code to}, as far as the two
	 * definitions tell (functions are asked of the server as well).
	 */
	boolean replaceable(CatalogObject from, CatalogObject to, ServerVersion server);

	/** The statement that turns an existing object of the same identity into {@code desired} in place. */
	String replaceStatement(CatalogObject desired);

	/** The object a declaration read back from the sandbox stands for, with what only the declaration says. */
	default CatalogObject declared(CatalogObject readBack, CreateStatement head) {
		return readBack;
	}

	/**
	 * The statements that give an object created anew the privileges and comments of the existing
	 * one: SQL over a relation named after the catalog's alias ({@code p} for functions) that holds
	 * the objects' rows, selecting {@code (oid, statement)}.
	 */
	String restoreQuery();

	/**
	 * The statement as the sandbox runs it.
	 *
	 * @param sql the text sent
	 * @param orReplace whether its head says {@code OR REPLACE}
	 */
	record SandboxStatement(String sql, boolean orReplace) {
	}
}
