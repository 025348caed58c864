package io.pgautogen.catalog;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL server a plan is made against, and the DDL it accepts.
 *
 * @param versionNum {@code server_version_num}, e.g. {@code 150020}
 * @param version human-readable {@code server_version}, e.g. {@code 15.20}
 */
public record ServerVersion(int versionNum, String version) {

	/** The oldest major pgautogen supports. */
	public static final int MINIMUM_MAJOR = 13;

	/** Reads the version of the server {@code connection} talks to. */
	public static ServerVersion of(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(
						"SELECT pg_catalog.current_setting('server_version_num')::int,"
								+ " pg_catalog.current_setting('server_version')")) {
			rs.next();
			return new ServerVersion(rs.getInt(1), rs.getString(2));
		}
	}

	/** The major version, e.g. 15. */
	public int major() {
		return this.versionNum / 10000;
	}

	/** Whether {@code CREATE OR REPLACE TRIGGER} exists (PostgreSQL 14+). */
	public boolean supportsCreateOrReplaceTrigger() {
		return major() >= 14;
	}
}
