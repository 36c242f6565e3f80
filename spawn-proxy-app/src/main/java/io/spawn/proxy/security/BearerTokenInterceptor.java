package io.spawn.proxy.security;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;
import io.spawn.protocol.auth.BearerToken;
import io.spawn.proxy.grpc.ContractServerInterceptor;
import java.net.SocketAddress;

/**
 * Requires {@code authorization: Bearer <token>} metadata on every call of the contract gRPC server except the
 * standard health service (which probes call without credentials). A refused call is closed with
 * {@code UNAUTHENTICATED} before its message is read, so nothing is decoded or invoked.
 */
final class BearerTokenInterceptor implements ContractServerInterceptor {

	static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
			Metadata.ASCII_STRING_MARSHALLER);

	private static final ServerCall.Listener<?> NOTHING = new ServerCall.Listener<>() {
	};

	private final BearerToken token;

	private final RejectedRequests rejected;

	BearerTokenInterceptor(BearerToken token, RejectedRequests rejected) {
		this.token = token;
		this.rejected = rejected;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
			ServerCallHandler<Q, R> next) {
		String service = call.getMethodDescriptor().getServiceName();
		if (HealthGrpc.SERVICE_NAME.equals(service)) {
			return next.startCall(call, headers);
		}
		BearerToken.Verdict verdict = this.token.check(headers.get(AUTHORIZATION));
		if (verdict == BearerToken.Verdict.ACCEPTED) {
			return next.startCall(call, headers);
		}
		RejectedRequests.Reason reason = (verdict == BearerToken.Verdict.MISSING) ? RejectedRequests.Reason.MISSING
				: RejectedRequests.Reason.INVALID;
		SocketAddress from = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
		this.rejected.rejected("grpc", reason, String.valueOf(from), call.getMethodDescriptor().getFullMethodName());
		call.close(Status.UNAUTHENTICATED.withDescription((reason == RejectedRequests.Reason.MISSING)
				? "this proxy requires authorization: Bearer <token> metadata (spawn.proxy.security.token)"
				: "the bearer token is not the one this proxy accepts"), new Metadata());
		return (ServerCall.Listener<Q>) NOTHING;
	}

}
