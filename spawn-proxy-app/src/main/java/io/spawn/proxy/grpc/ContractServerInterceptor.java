package io.spawn.proxy.grpc;

import io.grpc.ServerInterceptor;

/**
 * Intercepts every call of the contract gRPC server (reflection and health included; an interceptor decides which
 * it lets through). Declared as beans, applied in their order.
 */
public interface ContractServerInterceptor extends ServerInterceptor {

}
