package io.pgautogen.sql;

/**
 * SQL text that pgautogen cannot read with certainty the way PostgreSQL would, and so refuses rather
 * than guess where a statement starts or ends.
 */
public final class SqlScanException extends RuntimeException {

	private final int offset;

	/**
	 * @param offset where in the text the problem is
	 * @param reason what is there, and what to do about it
	 */
	public SqlScanException(int offset, String reason) {
		super(reason);
		this.offset = offset;
	}

	/** The offset in the scanned text where the problem is. */
	public int offset() {
		return this.offset;
	}
}
