package io.spawn.internal.cluster.grpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Real certificates for TLS tests, made by the JDK's own {@code keytool}: a certificate authority, and member key
 * stores (PKCS#12) with a certificate it signed, valid now or already expired.
 */
public final class TestCertificates {

	public static final String PASSWORD = "changeit";

	private final Path directory;

	private final String authority;

	private static final Map<String, TestCertificates> authorities = new HashMap<>();

	private static @Nullable Path shared;

	private final Map<String, Path> members = new HashMap<>();

	/**
	 * The authority of that name, made once per JVM in a temporary directory (keytool is a process per step, so
	 * test classes share what they made).
	 */
	public static synchronized TestCertificates authority(String name) {
		return authorities.computeIfAbsent(name, (key) -> {
			try {
				if (shared == null) {
					shared = Files.createTempDirectory("spawn-test-certificates");
				}
				return new TestCertificates(shared, key);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/**
	 * @param directory where the stores are written
	 * @param authority the authority's alias and common name
	 */
	public TestCertificates(Path directory, String authority) {
		this.directory = directory;
		this.authority = authority;
		keytool("-genkeypair", "-alias", authority, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
				"CN=" + authority, "-ext", "bc:c", "-validity", "30", "-keystore", store(authority).toString());
		keytool("-exportcert", "-rfc", "-alias", authority, "-keystore", store(authority).toString(), "-file",
				pem(authority).toString());
		keytool("-importcert", "-noprompt", "-alias", authority, "-file", pem(authority).toString(), "-keystore",
				trustStore().toString());
	}

	/** The trust store holding only this authority's certificate. */
	public Path trustStore() {
		return this.directory.resolve(this.authority + "-trust.p12");
	}

	/** A member's key store: its key and a certificate for 127.0.0.1 and localhost, signed by this authority. */
	public Path member(String name) {
		return member(name, false);
	}

	/**
	 * @param expired whether the certificate's validity ended two days ago
	 */
	public synchronized Path member(String name, boolean expired) {
		return this.members.computeIfAbsent(name + (expired ? "@expired" : ""), (key) -> newMember(name, expired));
	}

	private Path newMember(String name, boolean expired) {
		Path store = store(name);
		try {
			Files.deleteIfExists(store);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
				"-keystore", store.toString());
		Path request = this.directory.resolve(name + ".csr");
		Path certificate = pem(name);
		keytool("-certreq", "-alias", name, "-keystore", store.toString(), "-file", request.toString());
		List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", this.authority, "-keystore",
				store(this.authority).toString(), "-infile", request.toString(), "-outfile", certificate.toString(),
				"-ext", "san=ip:127.0.0.1,dns:localhost,dns:spawn-peers"));
		sign.addAll(expired ? List.of("-startdate", "-3d", "-validity", "1") : List.of("-validity", "30"));
		keytool(sign.toArray(String[]::new));
		keytool("-importcert", "-noprompt", "-alias", this.authority, "-file", pem(this.authority).toString(),
				"-keystore", store.toString());
		keytool("-importcert", "-noprompt", "-alias", name, "-file", certificate.toString(), "-keystore",
				store.toString());
		return store;
	}

	public static KeyManagerFactory keys(Path store) {
		try {
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(load(store), PASSWORD.toCharArray());
			return factory;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static TrustManagerFactory trust(Path store) {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(load(store));
			return factory;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static KeyStore load(Path store) throws GeneralSecurityException {
		try (InputStream in = Files.newInputStream(store)) {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(in, PASSWORD.toCharArray());
			return keyStore;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private Path store(String name) {
		return this.directory.resolve(name + ".p12");
	}

	private Path pem(String name) {
		return this.directory.resolve(name + ".pem");
	}

	private static void keytool(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
		command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-J-Xshare:auto"));
		command.addAll(List.of(arguments));
		command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
		if (List.of(arguments).contains("-genkeypair")) {
			command.addAll(List.of("-keypass", PASSWORD));
		}
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("keytool did not finish: " + command);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException("keytool failed: " + command + "\n" + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
