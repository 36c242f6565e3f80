package io.spawn.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The module tests a copy of {@code ../shared/fixtures/wire} so that a clone builds on its own; this test fails
 * when the copy and the shared originals drift apart.
 */
class FixtureCopyTests {

	@Test
	void copiedFixturesMatchTheSharedOriginals() throws IOException {
		String location = System.getProperty("spawn.shared.fixtures", "");
		Path shared = Path.of(location);
		Assumptions.assumeTrue(!location.isEmpty() && Files.isDirectory(shared),
				"shared fixtures not found beside this checkout: " + location);
		List<Path> originals;
		try (Stream<Path> files = Files.list(shared)) {
			originals = files.filter(Files::isRegularFile).sorted().toList();
		}
		assertThat(originals).hasSizeGreaterThanOrEqualTo(21);
		for (Path original : originals) {
			try (InputStream copy = WireFixtureTests.resource(original.getFileName().toString())) {
				assertThat(copy.readAllBytes()).as("copy of %s", original).isEqualTo(Files.readAllBytes(original));
			}
		}
	}

}
