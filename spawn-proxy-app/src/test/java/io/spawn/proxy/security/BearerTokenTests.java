package io.spawn.proxy.security;

import io.spawn.protocol.auth.BearerToken;
import io.spawn.proxy.config.InvalidProxyConfigurationException;
import io.spawn.proxy.config.SpawnProxyProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What a presented Authorization header is worth, and how a token file is read and read again.
 */
class BearerTokenTests {

	@TempDir
	Path dir;

	@Test
	void acceptsOnlyTheBearerTokenItself() {
		BearerToken token = BearerToken.of("s3cret");

		assertThat(token.check("Bearer s3cret")).isEqualTo(BearerToken.Verdict.ACCEPTED);
		assertThat(token.check("bearer s3cret")).isEqualTo(BearerToken.Verdict.ACCEPTED);
		assertThat(token.check("Bearer s3cret2")).isEqualTo(BearerToken.Verdict.INVALID);
		assertThat(token.check("Bearer s3cre")).isEqualTo(BearerToken.Verdict.INVALID);
		assertThat(token.check("Bearer ")).isEqualTo(BearerToken.Verdict.INVALID);
		assertThat(token.check("Basic s3cret")).isEqualTo(BearerToken.Verdict.MISSING);
		assertThat(token.check("s3cret")).isEqualTo(BearerToken.Verdict.MISSING);
		assertThat(token.check("")).isEqualTo(BearerToken.Verdict.MISSING);
		assertThat(token.check(null)).isEqualTo(BearerToken.Verdict.MISSING);
		assertThat(token.header()).isEqualTo("Bearer s3cret");
	}

	@Test
	void aBlankTokenIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> BearerToken.of("  ")).withMessageContaining("blank");
	}

	@Test
	void aFileIsReadWithoutItsTrailingNewLine() throws IOException {
		Path file = write("token", "from-a-secret\n");

		assertThat(BearerToken.fromFile(file).check("Bearer from-a-secret")).isEqualTo(BearerToken.Verdict.ACCEPTED);
	}

	@Test
	void aMissingOrEmptyFileIsRefused() throws IOException {
		Path empty = write("empty", "\n");

		assertThatIllegalArgumentException().isThrownBy(() -> BearerToken.fromFile(this.dir.resolve("absent")))
			.withMessageContaining("absent");
		assertThatIllegalArgumentException().isThrownBy(() -> BearerToken.fromFile(empty))
			.withMessageContaining("holds no token");
	}

	@Test
	void aReplacedFileIsReadAgainAndAnEmptiedOrRemovedOneKeepsTheLastToken() throws IOException {
		Path file = write("token", "one");
		BearerToken token = BearerToken.fromFile(file);

		replace(file, "two");
		assertThat(token.check("Bearer two")).isEqualTo(BearerToken.Verdict.ACCEPTED);
		assertThat(token.check("Bearer one")).isEqualTo(BearerToken.Verdict.INVALID);

		replace(file, "");
		assertThat(token.check("Bearer two")).isEqualTo(BearerToken.Verdict.ACCEPTED);

		Files.delete(file);
		assertThat(token.value()).isEqualTo("two");
	}

	@Test
	void tokenAndTokenFileTogetherStopStartup() {
		SpawnProxyProperties.Security security = new SpawnProxyProperties.Security();
		security.setToken("a");
		security.setTokenFile(this.dir.resolve("token"));

		Assertions.assertThatExceptionOfType(InvalidProxyConfigurationException.class)
			.isThrownBy(() -> SecurityConfiguration.token(security))
			.withMessageContaining("both set");
	}

	@Test
	void anUnreadableTokenFileStopsStartupNamingTheKey() {
		SpawnProxyProperties.Security security = new SpawnProxyProperties.Security();
		security.setTokenFile(this.dir.resolve("absent"));

		Assertions.assertThatExceptionOfType(InvalidProxyConfigurationException.class)
			.isThrownBy(() -> SecurityConfiguration.token(security))
			.withMessageContaining("spawn.proxy.security.token-file");
	}

	@Test
	void logLinesCannotBeForgedThroughThePath() {
		assertThat(RejectedRequests.loggable("POST /a\r\nWARN fake line")).doesNotContain("\n").doesNotContain("\r");
		assertThat(RejectedRequests.loggable("x".repeat(1000))).hasSize(203);
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content);
	}

	/** A new file moved over the old one, as the kubelet does. */
	private void replace(Path file, String content) throws IOException {
		Path next = Files.writeString(Files.createTempFile(this.dir, "next", ".tmp"), content);
		Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

}
