package io.pgautogen.spring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

import io.pgautogen.declaration.Declaration;
import io.pgautogen.declaration.DeclarationException;
import io.pgautogen.declaration.DeclarationProblem;
import io.pgautogen.declaration.DeclarationSource;
import io.pgautogen.declaration.DeclarationStatements;
import io.pgautogen.declaration.PgFunction;
import io.pgautogen.declaration.PgMaterializedView;
import io.pgautogen.declaration.PgTrigger;
import io.pgautogen.declaration.PgView;
import io.pgautogen.kind.Kinds;

/**
 * Collects the declarations of an application: every {@link PgFunction}, {@link PgView},
 * {@link PgMaterializedView} and {@link PgTrigger} bean (named after its bean), and every statement of the {@code .sql} files found at the configured
 * locations (named {@code path:line}). Loaded on demand, so that startup does not pay for it.
 */
public class PgAutogenDeclarations {

	private final ListableBeanFactory beanFactory;

	private final ResourcePatternResolver resources;

	private final List<String> locations;

	/**
	 * @param beanFactory where the declaration beans live
	 * @param resources resolves the locations
	 * @param locations resource patterns of declaration files, e.g. {@code classpath*:db/pgautogen/**}{@code /*.sql}
	 */
	public PgAutogenDeclarations(ListableBeanFactory beanFactory, ResourcePatternResolver resources,
			List<String> locations) {
		this.beanFactory = beanFactory;
		this.resources = resources;
		this.locations = List.copyOf(locations);
	}

	/**
	 * Every declaration: beans in bean-name order, then files in path order.
	 * @throws DeclarationException naming every file statement that is not a function, procedure or
	 * trigger definition
	 */
	public List<Declaration> load() {
		List<Declaration> declarations = new ArrayList<>();
		new TreeMap<>(BeanFactoryUtils.beansOfTypeIncludingAncestors(this.beanFactory, Declaration.class))
			.forEach((name, declaration) -> declarations.add(unnamed(declaration)
					? declaration.withSource(DeclarationSource.bean(name)) : declaration));
		List<DeclarationProblem> problems = new ArrayList<>();
		files().forEach((name, resource) -> {
			try {
				declarations.addAll(DeclarationStatements.parseScript(DeclarationStatements.decode(read(resource), name), name));
			}
			catch (DeclarationException ex) {
				problems.addAll(ex.problems());
			}
		});
		if (!problems.isEmpty()) {
			throw new DeclarationException(problems);
		}
		return declarations;
	}

	/** The declaration files, by the name messages use for them, in that order. */
	private Map<String, Resource> files() {
		Map<String, Resource> byUrl = new LinkedHashMap<>();
		Map<String, Resource> byName = new TreeMap<>();
		for (String location : this.locations) {
			try {
				for (Resource resource : this.resources.getResources(location)) {
					if (resource.isReadable() && byUrl.putIfAbsent(resource.getURI().toString(), resource) == null) {
						byName.put(name(resource, location), resource);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not search spring.pgautogen.locations entry '" + location + "': "
						+ ex.getMessage(), ex);
			}
		}
		return byName;
	}

	/**
	 * A short, stable name, the same on every machine: the path below the classpath root for classpath
	 * locations ({@code db/pgautogen/audit.sql}), the path relative to the project (the nearest
	 * directory with a build file or {@code .git}) for files ({@code src/main/resources/db/pgautogen/audit.sql}).
	 */
	static String name(Resource resource, String location) throws IOException {
		if (location.startsWith("classpath")) {
			String path = location.substring(location.indexOf(':') + 1).replaceFirst("^/+", "");
			String root = path.substring(0, path.lastIndexOf('/', wildcard(path)) + 1);
			String url = URLDecoder.decode(resource.getURL().toString(), StandardCharsets.UTF_8);
			int at = root.isEmpty() ? -1 : url.lastIndexOf("/" + root);
			if (at >= 0) {
				return url.substring(at + 1);
			}
		}
		else if (resource.isFile()) {
			Path file = resource.getFile().toPath().toAbsolutePath().normalize();
			Path base = projectRoot(file);
			if (base == null) {
				base = Path.of("").toAbsolutePath();
			}
			return file.startsWith(base) ? base.relativize(file).toString().replace('\\', '/') : file.getFileName().toString();
		}
		String filename = resource.getFilename();
		return (filename != null) ? filename : resource.getDescription();
	}

	/**
	 * The project a file belongs to: the nearest directory above it holding a build file or a Git
	 * repository, so that names are the same on every machine and from every working directory.
	 */
	private static Path projectRoot(Path file) {
		for (Path directory = file.getParent(); directory != null; directory = directory.getParent()) {
			for (String marker : new String[] { "pom.xml", "build.gradle", "build.gradle.kts", ".git" }) {
				if (Files.exists(directory.resolve(marker))) {
					return directory;
				}
			}
		}
		return null;
	}

	private static int wildcard(String path) {
		for (int i = 0; i < path.length(); i++) {
			if (path.charAt(i) == '*' || path.charAt(i) == '?') {
				return i;
			}
		}
		return path.length();
	}

	private static byte[] read(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + resource + ": " + ex.getMessage(), ex);
		}
	}

	/** Whether the declaration still says where it was made in code ({@code PgView.of(...)}): then its bean names it. */
	private static boolean unnamed(Declaration declaration) {
		return declaration.source()
			.equals(DeclarationSource.described(Kinds.of(declaration.kind()).declarationType() + ".of(...)"));
	}
}
