package io.pgautogen.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The project's {@code application.properties} and {@code application.yaml} (of
 * {@code src/main/resources}), read with Spring Boot's own loaders, so that the plugin plans what
 * the application plans. {@code .properties} wins over {@code .yaml}, as in Spring Boot.
 */
final class ApplicationProperties {

	private final Map<String, String> values = new LinkedHashMap<>();

	private ApplicationProperties() {
	}

	static ApplicationProperties of(Path resources) throws IOException {
		ApplicationProperties properties = new ApplicationProperties();
		properties.load(new YamlPropertySourceLoader(), resources.resolve("application.yml"));
		properties.load(new YamlPropertySourceLoader(), resources.resolve("application.yaml"));
		properties.load(new PropertiesPropertySourceLoader(), resources.resolve("application.properties"));
		return properties;
	}

	private void load(PropertySourceLoader loader, Path file) throws IOException {
		if (!Files.isRegularFile(file)) {
			return;
		}
		List<PropertySource<?>> sources = loader.load(file.getFileName().toString(), new FileSystemResource(file));
		// The first document only: profile-specific documents describe other environments.
		if (!sources.isEmpty() && sources.get(0) instanceof EnumerablePropertySource<?> source) {
			for (String name : source.getPropertyNames()) {
				Object value = source.getProperty(name);
				this.values.put(name, (value != null) ? value.toString() : "");
			}
		}
	}

	/** A single value, or {@code null}. */
	String get(String name) {
		return this.values.get(name);
	}

	/** A list, written either comma-separated or as YAML / indexed entries; empty when absent. */
	List<String> getList(String name) {
		List<String> list = new ArrayList<>();
		String value = this.values.get(name);
		if (value != null && !value.isBlank()) {
			Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).forEach(list::add);
		}
		for (int i = 0; this.values.containsKey(name + "[" + i + "]"); i++) {
			list.add(this.values.get(name + "[" + i + "]").trim());
		}
		return list;
	}
}
