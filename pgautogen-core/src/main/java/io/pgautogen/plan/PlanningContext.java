package io.pgautogen.plan;

import java.sql.Connection;
import java.util.List;
import java.util.Set;

import io.pgautogen.catalog.ObjectKind;
import io.pgautogen.catalog.Scope;
import io.pgautogen.catalog.ServerVersion;

/**
 * What one planning run works with.
 *
 * @param connection the connection, inside the planning transaction
 * @param server the server
 * @param scope the inspected schemas, managed kinds and exclusions
 */
record PlanningContext(Connection connection, ServerVersion server, Scope scope) {

	List<String> schemas() {
		return this.scope.schemas();
	}

	Set<ObjectKind> kinds() {
		return this.scope.kinds();
	}
}
