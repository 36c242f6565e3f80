package io.spawn.protocol.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The shared secret of the proxy and its application, from a value or from a file that is read again whenever it
 * changes (a mounted Kubernetes Secret is rotated by swapping the file behind a symbolic link). A presented token
 * is compared in constant time: both sides are hashed first, so that neither the content nor the length of the
 * configured token shows in the time a wrong guess takes.
 * <p>
 * The proxy checks it on its routes and sends it to its host; the starter sends it to the proxy and checks it on its
 * host endpoint. It lives beside the protocol because both sides need it and the starter's sidecar mode has nothing
 * else of the proxy on its classpath.
 */
public final class BearerToken {

	/** The JDK's logger: this module has no logging dependency (Spring Boot routes it to its own logging). */
	private static final System.Logger logger = System.getLogger(BearerToken.class.getName());

	private static final String SCHEME = "bearer ";

	private final @Nullable Path file;

	private volatile Current current;

	private BearerToken(@Nullable Path file, Current current) {
		this.file = file;
		this.current = current;
	}

	/**
	 * A token given as a value.
	 * @param value the token
	 * @return the token
	 * @throws IllegalArgumentException when it is blank
	 */
	public static BearerToken of(String value) {
		return new BearerToken(null, Current.of(checked(value, "the token is blank"), null));
	}

	/**
	 * A token read from a file (its content without surrounding white space), read again when the file changes.
	 * @param file the file
	 * @return the token
	 * @throws IllegalArgumentException when the file cannot be read or holds no token
	 */
	public static BearerToken fromFile(Path file) {
		FileVersion version;
		String value;
		try {
			version = FileVersion.of(file);
			value = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot read " + file + ": " + ex, ex);
		}
		return new BearerToken(file, Current.of(checked(value, file + " holds no token"), version));
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
				logger.log(System.Logger.Level.WARNING, (Supplier<String>) () -> path + " holds no token any more; the previous token stays in use");
				return known;
			}
			Current updated = Current.of(value, version);
			this.current = updated;
			logger.log(System.Logger.Level.INFO, (Supplier<String>) () -> "Read a new token from " + path);
			return updated;
		}
		catch (IOException ex) {
			logger.log(System.Logger.Level.WARNING, (Supplier<String>) () -> "Cannot read the token file " + path + " (" + ex + "); the previous token stays in use");
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
			return new Current(value, BearerToken.digest(value), version);
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
