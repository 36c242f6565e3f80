package io.spawn.proxy.host;

import com.google.protobuf.InvalidProtocolBufferException;
import io.spawn.internal.host.ActorHost;
import io.spawn.internal.host.HostException;
import io.spawn.internal.host.HostException.Reason;
import io.spawn.internal.time.DeadlineWheel;
import io.spawn.internal.time.RuntimeClock;
import io.spawn.protocol.ActorInvocation;
import io.spawn.protocol.ActorInvocationResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.commons.logging.LogFactory;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.core.log.LogAccessor;

/**
 * Runs actions in the user's application over HTTP: {@code POST /api/v1/actors/actions} with an
 * {@link ActorInvocation}, answered by an {@link ActorInvocationResponse}. Uses pooled keep-alive connections of
 * Apache HttpClient 5 (classic, blocking I/O, which parks cheaply on the runtime's virtual threads; see ADR 0002).
 *
 * <p>
 * The target URL is fixed at construction from the configured host and port: nothing from a call (actor or action
 * name) ever goes into it, only into the protobuf body. Every failure becomes a {@link HostException}; a call never
 * outlives its timeout, however slowly the host answers. Only a failure to connect (and the host's own 503) is
 * {@link Reason#UNAVAILABLE}, the class a caller may retry elsewhere; once a connection is open the call may have
 * reached the host, so a dropped connection or a broken answer is {@link Reason#BAD_RESPONSE}.
 */
public final class HttpActorHost implements ActorHost, AutoCloseable {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(HttpActorHost.class));

	/** The host route of the Spawn protocol. */
	public static final String ACTIONS_PATH = "/api/v1/actors/actions";

	private static final ContentType PROTOBUF = ContentType.APPLICATION_OCTET_STREAM;

	/** W3C trace context: forwarded as a header only when well formed, so that no value can inject headers. */
	private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

	private static final int MAX_ERROR_MESSAGE = 1024;

	private final URI actionsUri;

	private final long maxResponseBytes;

	/** Tick of the deadline wheel: how late a host call's deadline may fire. */
	private static final long DEADLINE_TICK_MILLIS = 10;

	private final PoolingHttpClientConnectionManager connections;

	private final CloseableHttpClient client;

	/** Each call's deadline, nearly always cancelled: a wheel, not a shared executor's lock (docs/benchmarks.md H1). */
	private final DeadlineWheel deadlines;

	private final Supplier<@Nullable String> authorization;

	/**
	 * Creates a client of the host at {@code endpoint}.
	 * @param endpoint where the host listens
	 * @param connectTimeout time allowed to open a connection
	 * @param maxConnections largest number of open connections (and so of calls in flight)
	 * @param maxResponseBytes largest answer accepted
	 */
	public HttpActorHost(HostEndpoint endpoint, Duration connectTimeout, int maxConnections, long maxResponseBytes) {
		this(endpoint, connectTimeout, maxConnections, maxResponseBytes, () -> null);
	}

	/**
	 * Creates a client of the host at {@code endpoint} that authenticates its calls.
	 * @param endpoint where the host listens
	 * @param connectTimeout time allowed to open a connection
	 * @param maxConnections largest number of open connections (and so of calls in flight)
	 * @param maxResponseBytes largest answer accepted
	 * @param authorization the {@code Authorization} header of each call, asked for each call (a token file may
	 * change); {@code null} for none
	 */
	public HttpActorHost(HostEndpoint endpoint, Duration connectTimeout, int maxConnections, long maxResponseBytes,
			Supplier<@Nullable String> authorization) {
		this.authorization = authorization;
		this.actionsUri = endpoint.uri(ACTIONS_PATH);
		this.maxResponseBytes = maxResponseBytes;
		this.connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setMaxConnTotal(maxConnections)
			.setMaxConnPerRoute(maxConnections)
			.setDefaultSocketConfig(SocketConfig.custom().setTcpNoDelay(true).build())
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(connectTimeout))
				// Hosts close idle keep-alive connections; check one that sat idle before reusing it.
				.setValidateAfterInactivity(TimeValue.ofSeconds(1))
				.build())
			.build();
		this.client = HttpClients.custom()
			.setConnectionManager(this.connections)
			// A POST may have run the action already: never retry it behind the runtime's back.
			.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAuthCaching()
			.evictIdleConnections(TimeValue.ofSeconds(30))
			.build();
		this.deadlines = new DeadlineWheel(DEADLINE_TICK_MILLIS, "spawn-host-deadlines");
	}

	/**
	 * The URL every action is posted to.
	 * @return the URL
	 */
	public URI actionsUri() {
		return this.actionsUri;
	}

	@Override
	public ActorInvocationResponse invoke(ActorInvocation invocation, Duration timeout) throws HostException {
		long timeoutMillis = Math.max(1, timeout.toMillis());
		HttpPost post = new HttpPost(this.actionsUri);
		post.setEntity(new ByteArrayEntity(invocation.toByteArray(), PROTOBUF));
		post.setHeader(HttpHeaders.ACCEPT, PROTOBUF.getMimeType());
		String credentials = this.authorization.get();
		if (credentials != null) {
			post.setHeader(HttpHeaders.AUTHORIZATION, credentials);
		}
		String traceparent = invocation.getCurrentContext().getMetadataOrDefault("traceparent", "");
		if (TRACEPARENT.matcher(traceparent).matches()) {
			post.setHeader("traceparent", traceparent);
		}
		post.setConfig(RequestConfig.custom()
			.setConnectionRequestTimeout(Timeout.ofMilliseconds(timeoutMillis))
			.setResponseTimeout(Timeout.ofMilliseconds(timeoutMillis))
			.build());
		AtomicBoolean expired = new AtomicBoolean();
		RuntimeClock.Cancellable deadline = this.deadlines.schedule(TimeUnit.MILLISECONDS.toNanos(timeoutMillis), () -> {
			expired.set(true);
			post.cancel();
		});
		try {
			return this.client.execute(post, (response) -> read(response, invocation));
		}
		catch (HostException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw failure(ex, expired.get(), timeoutMillis);
		}
		finally {
			deadline.cancel();
		}
	}

	private ActorInvocationResponse read(ClassicHttpResponse response, ActorInvocation invocation)
			throws IOException {
		int status = response.getCode();
		HttpEntity entity = response.getEntity();
		if (status < 200 || status > 299) {
			String text = errorText(entity);
			String detail = text.isEmpty() ? "" : ": " + text;
			if (status == 503) {
				// Overloaded or restarting: the action did not run, so the call may be retried.
				throw new HostException(Reason.UNAVAILABLE, "the host at " + this.actionsUri + " answered HTTP 503" + detail);
			}
			if (status == 401 || status == 403) {
				// Nothing ran: the host refused the proxy's credentials.
				throw new HostException(Reason.UNAVAILABLE, "the host at " + this.actionsUri + " refused the proxy's "
						+ "credentials (HTTP " + status + "); set spawn.proxy.security.token to the application's "
						+ "spawn.sidecar.token" + detail);
			}
			if (status == 500 && !text.isEmpty()) {
				// The user's action threw: its message is the host's body.
				throw new HostException(Reason.ACTION_FAILED, text);
			}
			throw new HostException(Reason.ACTION_FAILED, "action '" + invocation.getActionName()
					+ "' failed in the host: host answered HTTP " + status + detail);
		}
		byte[] body = readBounded(entity);
		try {
			return ActorInvocationResponse.parseFrom(body);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new HostException(Reason.BAD_RESPONSE, "the host's answer to action '" + invocation.getActionName()
					+ "' (" + body.length + " bytes) is not a valid spawn.ActorInvocationResponse: " + ex.getMessage(),
					ex);
		}
	}

	private byte[] readBounded(HttpEntity entity) throws IOException {
		if (entity == null) {
			return new byte[0];
		}
		long declared = entity.getContentLength();
		if (declared > this.maxResponseBytes) {
			throw tooLarge(declared);
		}
		try (InputStream in = entity.getContent()) {
			byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, this.maxResponseBytes + 1));
			if (body.length > this.maxResponseBytes) {
				throw tooLarge(-1);
			}
			return body;
		}
	}

	private HostException tooLarge(long declared) {
		return new HostException(Reason.BAD_RESPONSE, "the host's answer" + ((declared >= 0) ? " of " + declared
				+ " bytes" : "") + " exceeds " + this.maxResponseBytes + " bytes (spawn.proxy.host.max-response-size)");
	}

	/** The host's error text, when it sent readable text; binary or empty bodies give an empty string. */
	private static String errorText(HttpEntity entity) throws IOException {
		if (entity == null) {
			return "";
		}
		byte[] bytes;
		try (InputStream in = entity.getContent()) {
			bytes = in.readNBytes(MAX_ERROR_MESSAGE * 4);
		}
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString()
				.strip();
		}
		catch (CharacterCodingException ex) {
			return "";
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
				return "";
			}
		}
		return (text.length() > MAX_ERROR_MESSAGE) ? text.substring(0, MAX_ERROR_MESSAGE) + "..." : text;
	}

	private HostException failure(Exception ex, boolean expired, long timeoutMillis) {
		String where = "the host at " + this.actionsUri;
		if (expired || ex instanceof SocketTimeoutException || ex instanceof ConnectionRequestTimeoutException) {
			String detail = (ex instanceof ConnectionRequestTimeoutException)
					? "no connection to " + where + " became free within " + timeoutMillis
							+ " ms (spawn.proxy.host.max-connections)"
					: where + " did not answer within " + timeoutMillis + " ms";
			return new HostException(Reason.TIMEOUT, detail, ex);
		}
		if (ex instanceof ConnectException || ex instanceof ConnectTimeoutException
				|| ex instanceof UnknownHostException || ex instanceof NoRouteToHostException) {
			// Nothing was sent: the only failure a caller may retry on another replica.
			return new HostException(Reason.UNAVAILABLE, "cannot connect to " + where + ": " + describe(ex), ex);
		}
		if (ex instanceof NoHttpResponseException) {
			return new HostException(Reason.BAD_RESPONSE, where + " closed the connection without answering after "
					+ "the call was sent; the action may have run", ex);
		}
		if (ex instanceof InterruptedIOException) {
			return new HostException(Reason.TIMEOUT, where + " did not answer in time: " + describe(ex), ex);
		}
		if (ex instanceof IOException) {
			// Connected, so the call may have reached the host: never answered as retriable.
			return new HostException(Reason.BAD_RESPONSE, "call to " + where + " failed after the call was sent "
					+ "(the action may have run): " + describe(ex), ex);
		}
		logger.warn(ex, () -> "Unexpected failure calling " + this.actionsUri);
		return new HostException(Reason.BAD_RESPONSE, "call to " + where + " failed: " + describe(ex), ex);
	}

	private static String describe(Throwable ex) {
		return (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
	}

	@Override
	public void close() {
		this.deadlines.close();
		try {
			this.client.close();
		}
		catch (IOException ex) {
			logger.debug(ex, "Closing the host client failed");
		}
	}

}
