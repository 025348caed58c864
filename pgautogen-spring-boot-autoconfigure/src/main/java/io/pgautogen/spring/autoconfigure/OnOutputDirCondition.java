package io.pgautogen.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Matches unless {@code spring.pgautogen.output-dir} is set to an empty value, which disables writing. */
class OnOutputDirCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		String outputDir = Binder.get(context.getEnvironment())
			.bind("spring.pgautogen.output-dir", String.class)
			.orElse("default");
		return StringUtils.hasText(outputDir) ? ConditionOutcome.match("spring.pgautogen.output-dir is set")
				: ConditionOutcome.noMatch("spring.pgautogen.output-dir is empty: writing is disabled");
	}
}
