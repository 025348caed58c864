package io.pgautogen.writer;

/** The migration tools pgautogen writes files for. */
public enum MigrationFormat {

	/** Flyway versioned migrations: {@code V<version>__<description>.sql}, optionally with an undo file. */
	FLYWAY,

	/** A Liquibase formatted SQL changelog: {@code <version>_<description>.sql} holding one changeset with its rollback. */
	LIQUIBASE,

	/** Plain SQL: {@code <version>_<description>.up.sql} and {@code .down.sql}, each one transaction. */
	SQL
}
