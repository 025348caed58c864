package io.pgautogen.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test method that declares a {@link TestDatabase} parameter a fresh database, dropped
 * when the test ends.
 */
public final class TestDatabaseExtension implements ParameterResolver {

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == TestDatabase.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		TestDatabase database = TestDatabase.create();
		context.getStore(ExtensionContext.Namespace.create(TestDatabaseExtension.class, context.getUniqueId()))
			.put(database.name(), (AutoCloseable) database);
		return database;
	}
}
