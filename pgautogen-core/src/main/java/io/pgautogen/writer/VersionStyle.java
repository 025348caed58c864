package io.pgautogen.writer;

/** How migration versions are numbered when the output directory holds none yet. */
public enum VersionStyle {

	/** 1, 2, 3 … */
	INTEGER,

	/** {@code yyyyMMddHHmmss} in UTC: versions from parallel branches do not collide. */
	TIMESTAMP
}
