package io.pgautogen.writer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DescriptionsTest {

	@Test
	void becomesLowerCaseWordsJoinedByUnderscores() {
		assertThat(Descriptions.toFileName("Add Audit Trigger (orders)")).isEqualTo("add_audit_trigger_orders");
	}

	@Test
	void pathTraversalAndSeparatorsCannotSurvive() {
		assertThat(Descriptions.toFileName("../../x")).isEqualTo("x");
		assertThat(Descriptions.toFileName("a/b\\c")).isEqualTo("a_b_c");
		assertThat(Descriptions.toFileName("..")).isEqualTo("pgautogen");
		assertThat(Descriptions.toFileName("/etc/passwd\u0000")).isEqualTo("etc_passwd");
	}

	@Test
	void longDescriptionsAreBounded() {
		String name = Descriptions.toFileName("word ".repeat(100));
		assertThat(name).hasSizeLessThanOrEqualTo(60).doesNotEndWith("_").startsWith("word_word");
	}

	@Test
	void accentsAreDroppedAndOtherScriptsSeparateWords() {
		assertThat(Descriptions.toFileName("Crème brûlée für Ärzte")).isEqualTo("creme_brulee_fur_arzte");
		assertThat(Descriptions.toFileName("注文 audit 日本")).isEqualTo("audit");
		assertThat(Descriptions.toFileName("日本")).isEqualTo("pgautogen");
		assertThat(Descriptions.toFileName(null)).isEqualTo("pgautogen");
	}
}
