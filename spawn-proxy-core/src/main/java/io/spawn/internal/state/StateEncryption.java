package io.spawn.internal.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * AES-256-GCM encryption of state bytes at rest. Each row records the id of the key that wrote it, so keys can
 * rotate: new writes use the current key, reads accept the current and any configured old key. The actor's
 * natural key is bound as associated data, so a row copied onto another actor fails to decrypt. A wrong key or a
 * tampered row always fails loudly; it never yields garbage.
 */
public final class StateEncryption {

	private static final String TRANSFORMATION = "AES/GCM/NoPadding";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final @Nullable Key current;

	private final Map<String, Key> readable;

	private final SecureRandom random = new SecureRandom();

	private StateEncryption(@Nullable Key current, List<Key> old) {
		this.current = current;
		Map<String, Key> keys = new LinkedHashMap<>();
		if (current != null) {
			keys.put(current.id, current);
		}
		old.forEach((key) -> keys.putIfAbsent(key.id, key));
		this.readable = Map.copyOf(keys);
	}

	/**
	 * No encryption: state is stored as plain bytes. Encrypted rows cannot be read.
	 * @return the instance
	 */
	public static StateEncryption none() {
		return new StateEncryption(null, List.of());
	}

	/**
	 * Encryption with a current key and old keys kept for reading.
	 * @param currentKey base64 of 32 bytes
	 * @param oldKeys base64 of 32 bytes each
	 * @return the instance
	 * @throws IllegalArgumentException naming the problem when a key is not base64 of 32 bytes
	 */
	public static StateEncryption of(String currentKey, List<String> oldKeys) {
		return new StateEncryption(Key.parse(currentKey, "current key"),
				oldKeys.stream().map((key) -> Key.parse(key, "old key")).toList());
	}

	public boolean enabled() {
		return this.current != null;
	}

	/**
	 * The id written with new rows, or {@code null} when not encrypting.
	 * @return the key id
	 */
	public @Nullable String currentKeyId() {
		return (this.current != null) ? this.current.id : null;
	}

	/**
	 * Encrypts with the current key, or returns the bytes as they are when not encrypting.
	 * @param plain the state bytes
	 * @param actor the row's actor, bound as associated data
	 * @return IV followed by ciphertext and tag
	 */
	public byte[] encrypt(byte[] plain, ActorKey actor) {
		Key key = this.current;
		if (key == null) {
			return plain;
		}
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.ENCRYPT_MODE, key.spec, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(associatedData(actor));
			byte[] sealed = cipher.doFinal(plain);
			return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new StateStoreException("could not encrypt the state of actor '" + actor + "'", ex);
		}
	}

	/**
	 * Decrypts a row written with key {@code keyId} (plain bytes when {@code keyId} is null).
	 * @param stored the stored bytes
	 * @param keyId the row's key id
	 * @param actor the row's actor
	 * @return the state bytes
	 * @throws StateStoreException when the key is not configured or the row fails authentication
	 */
	public byte[] decrypt(byte[] stored, @Nullable String keyId, ActorKey actor) {
		if (keyId == null || keyId.isEmpty()) {
			return stored;
		}
		Key key = this.readable.get(keyId);
		if (key == null) {
			throw new StateStoreException("state of actor '" + actor + "' is encrypted with key id '" + keyId
					+ "', which is not configured (spawn.proxy.state.encryption.key or old-keys)");
		}
		if (stored.length < IV_BYTES + TAG_BITS / 8) {
			throw new StateStoreException("state of actor '" + actor + "' is too short to be encrypted data");
		}
		try {
			Cipher cipher = Cipher.getInstance(TRANSFORMATION);
			cipher.init(Cipher.DECRYPT_MODE, key.spec, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
			cipher.updateAAD(associatedData(actor));
			return cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES);
		}
		catch (AEADBadTagException ex) {
			throw new StateStoreException("state of actor '" + actor + "' failed authentication with key id '"
					+ keyId + "': the key is wrong or the row was tampered with", ex);
		}
		catch (GeneralSecurityException ex) {
			throw new StateStoreException("could not decrypt the state of actor '" + actor + "'", ex);
		}
	}

	private static byte[] associatedData(ActorKey actor) {
		return (actor.system() + "\u0000" + actor.name()).getBytes(StandardCharsets.UTF_8);
	}

	private static final class Key {

		final String id;

		final SecretKeySpec spec;

		private Key(String id, SecretKeySpec spec) {
			this.id = id;
			this.spec = spec;
		}

		static Key parse(String base64, String what) {
			byte[] bytes;
			try {
				bytes = Base64.getDecoder().decode(base64.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("state encryption " + what + " is not valid base64", ex);
			}
			if (bytes.length != 32) {
				throw new IllegalArgumentException("state encryption " + what + " must be 32 bytes (AES-256) in base64, was "
						+ bytes.length + " bytes");
			}
			try {
				byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
				return new Key(HexFormat.of().formatHex(digest, 0, 8), new SecretKeySpec(bytes, "AES"));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
