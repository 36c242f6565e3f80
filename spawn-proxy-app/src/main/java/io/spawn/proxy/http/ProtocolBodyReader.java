package io.spawn.proxy.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads a protocol request body: checks its content type, reads it within the size limit, and decodes it. The
 * limit holds before anything is buffered: a declared {@code Content-Length} over it is refused without reading,
 * and a body without one (chunked) is counted while it is read and refused as soon as it passes the limit.
 */
final class ProtocolBodyReader {

	/** Content types of a protobuf body: upstream accepts the first two; the third is common in the wild. */
	static final Set<String> ACCEPTED_TYPES = Set.of("application/octet-stream", "application/protobuf",
			"application/x-protobuf");

	private final long maxBytes;

	ProtocolBodyReader(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * Reads and decodes the body.
	 * @param <T> the message type
	 * @param request the HTTP request
	 * @param parser the message's parser
	 * @param typeName the message's protobuf name, for error messages
	 * @return the message
	 * @throws ProtocolRequestException with 415, 413 or 400
	 */
	<T extends Message> T read(HttpServletRequest request, Parser<T> parser, String typeName) {
		checkContentType(request.getContentType(), typeName);
		byte[] body = readBounded(request);
		try {
			return parser.parseFrom(body);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new ProtocolRequestException(400, "request body (" + body.length + " bytes) is not a valid "
					+ typeName + ": " + ex.getMessage(), ex);
		}
	}

	static void checkContentType(@Nullable String contentType, String typeName) {
		if (contentType == null || contentType.isBlank()) {
			throw unsupported("no Content-Type", typeName);
		}
		MediaType mediaType;
		try {
			mediaType = MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			throw unsupported("Content-Type '" + contentType + "'", typeName);
		}
		String type = (mediaType.getType() + "/" + mediaType.getSubtype()).toLowerCase(Locale.ROOT);
		if (!ACCEPTED_TYPES.contains(type)) {
			throw unsupported("Content-Type '" + contentType + "'", typeName);
		}
	}

	private static ProtocolRequestException unsupported(String what, String typeName) {
		return new ProtocolRequestException(415, what + " is not supported: send the " + typeName
				+ " as raw protobuf bytes with Content-Type application/octet-stream or application/protobuf");
	}

	private byte[] readBounded(HttpServletRequest request) {
		long declared = request.getContentLengthLong();
		if (declared > this.maxBytes) {
			throw tooLarge("of " + declared + " bytes");
		}
		try {
			InputStream in = request.getInputStream();
			// readNBytes grows its buffer as bytes arrive: nothing near the limit is allocated up front.
			byte[] body = in.readNBytes((int) Math.min(this.maxBytes + 1, Integer.MAX_VALUE - 8));
			if (body.length > this.maxBytes) {
				throw tooLarge("of more than " + this.maxBytes + " bytes");
			}
			return body;
		}
		catch (IOException ex) {
			throw new ProtocolRequestException(400, "could not read the request body: " + ex.getMessage(), ex);
		}
	}

	private ProtocolRequestException tooLarge(String size) {
		return new ProtocolRequestException(413, "request body " + size + " exceeds the limit of " + this.maxBytes
				+ " bytes (spawn.proxy.http.max-request-size)");
	}

}
