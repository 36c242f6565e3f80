package io.spawn.internal.sidecar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * The shared secret of the application and its proxy (the same as the proxy's {@code BearerToken}, which lives in
 * the proxy's own module), from a value or from a file that is read again whenever it
 * changes (a mounted Kubernetes Secret is rotated by swapping the file behind a symbolic link). A presented token
 * is compared in constant time: both sides are hashed first, so that neither the content nor the length of the
 * configured token shows in the time a wrong guess takes.
 */
public final class SidecarToken {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(SidecarToken.class));

	private static final String SCHEME = "bearer ";

	private final @Nullable Path file;

	private volatile Current current;

	private SidecarToken(@Nullable Path file, Current current) {
		this.file = file;
		this.current = current;
	}

	/**
	 * A token given as a value.
	 * @param value the token
	 * @return the token
	 * @throws IllegalArgumentException when it is blank
	 */
	public static SidecarToken of(String value) {
		return new SidecarToken(null, Current.of(checked(value, "the token is blank"), null));
	}

	/**
	 * A token read from a file (its content without surrounding white space), read again when the file changes.
	 * @param file the file
	 * @return the token
	 * @throws IllegalArgumentException when the file cannot be read or holds no token
	 */
	public static SidecarToken fromFile(Path file) {
		FileVersion version;
		String value;
		try {
			version = FileVersion.of(file);
			value = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot read " + file + ": " + ex, ex);
		}
		return new SidecarToken(file, Current.of(checked(value, file + " holds no token"), version));
	}

	/**
	 * The token now, after reading its file again if it changed.
	 * @return the token
	 */
	public String value() {
		return refreshed().value();
	}

	/**
	 * Checks the value of an {@code Authorization} header.
	 * @param authorization the header, {@code null} when absent
	 * @return the verdict
	 */
	public Verdict check(@Nullable String authorization) {
		if (authorization == null || authorization.isBlank()) {
			return Verdict.MISSING;
		}
		if (authorization.length() < SCHEME.length()
				|| !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
			return Verdict.MISSING;
		}
		byte[] presented = digest(authorization.substring(SCHEME.length()).strip());
		return MessageDigest.isEqual(presented, refreshed().digest()) ? Verdict.ACCEPTED : Verdict.INVALID;
	}

	/**
	 * The {@code Authorization} header that carries this token.
	 * @return the header value
	 */
	public String header() {
		return "Bearer " + value();
	}

	private Current refreshed() {
		Current known = this.current;
		Path path = this.file;
		if (path == null) {
			return known;
		}
		try {
			FileVersion version = FileVersion.of(path);
			if (version.equals(known.version())) {
				return known;
			}
			String value = Files.readString(path, StandardCharsets.UTF_8).strip();
			if (value.isEmpty()) {
				logger.warn(() -> path + " holds no token any more; the previous token stays in use");
				return known;
			}
			Current updated = Current.of(value, version);
			this.current = updated;
			logger.info(() -> "Read a new token from " + path);
			return updated;
		}
		catch (IOException ex) {
			logger.warn(() -> "Cannot read the token file " + path + " (" + ex + "); the previous token stays in use");
			return known;
		}
	}

	private static String checked(String value, String message) {
		String stripped = value.strip();
		if (stripped.isEmpty()) {
			throw new IllegalArgumentException(message);
		}
		return stripped;
	}

	private static byte[] digest(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/** What a presented header is worth. */
	public enum Verdict {

		/** It carries the token. */
		ACCEPTED,

		/** No header, or not a bearer token. */
		MISSING,

		/** A bearer token, but not this one. */
		INVALID

	}

	/** The token in use, its digest, and the version of the file it came from. */
	private record Current(String value, byte[] digest, @Nullable FileVersion version) {

		static Current of(String value, @Nullable FileVersion version) {
			return new Current(value, SidecarToken.digest(value), version);
		}

	}

	/** What tells one content of a file from the next: the file behind the links, its time and size. */
	private record FileVersion(@Nullable Object key, long modifiedMillis, long size) {

		static FileVersion of(Path file) throws IOException {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			return new FileVersion(attributes.fileKey(), attributes.lastModifiedTime().toMillis(), attributes.size());
		}

	}

}
