package io.pgautogen.plan;

/**
 * A plan failed its proof: applied in the rolled-back planning transaction, its upgrade did not
 * reach the declared state, or its downgrade did not give back the starting state. Such a plan is
 * never returned, so never written. This is a bug in pgautogen.
 */
public class PlanVerificationException extends PlanningException {

	public PlanVerificationException(String problem) {
		super("The planned migration does not hold, so it was not written: " + problem
				+ "\nThis is a bug in pgautogen; please report it with the declarations involved. Nothing was changed.");
	}
}
