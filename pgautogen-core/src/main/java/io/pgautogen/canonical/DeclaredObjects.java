package io.pgautogen.canonical;

import java.util.ArrayList;
import java.util.List;

import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.declaration.DeclaredStatement;
import io.pgautogen.sql.ObjectName;

/** What the declared statements name, read before the sandbox runs them. */
final class DeclaredObjects {

	private DeclaredObjects() {
	}

	/** Declarations that name a temporary or system schema, which are never inspected. */
	static List<DeclarationProblem> inSystemSchemas(List<DeclaredStatement> declared) {
		List<DeclarationProblem> problems = new ArrayList<>();
		for (DeclaredStatement statement : declared) {
			String schema = (statement.objectName() != null) ? statement.objectName().schema() : null;
			if (schema != null && (schema.startsWith("pg_temp") || schema.equals("pg_catalog")
					|| schema.equals("information_schema") || schema.startsWith("pg_toast"))) {
				problems.add(DeclarationProblem.of(statement.declaration().source().toString(),
						"declares " + ((statement.objectName().table() != null) ? "a trigger or index on a table"
								: "a " + statement.declaration().kind().label().replace('-', ' '))
								+ " in schema '" + schema + "', a temporary or system schema pgautogen never manages",
						"Declare it in one of your own schemas, listed in spring.pgautogen.schemas (by default the"
								+ " connection's current schema)."));
			}
		}
		return problems;
	}

	/** The table a trigger declaration locks, or the routine a function declaration replaces, as declared. */
	static String lockTarget(DeclaredStatement statement) {
		ObjectName name = statement.objectName();
		if (name == null) {
			return statement.declaration().source().toString();
		}
		if (name.table() != null) {
			return (name.schema() != null) ? name.schema() + "." + name.table() : name.table();
		}
		return (name.schema() != null) ? name.schema() + "." + name.name() : name.name();
	}
}
