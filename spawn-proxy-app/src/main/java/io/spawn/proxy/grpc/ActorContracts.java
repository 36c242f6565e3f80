package io.spawn.proxy.grpc;

import com.google.protobuf.Descriptors.FileDescriptor;
import java.util.List;

/**
 * The loaded contract files and the actor services among them.
 * @param files every contract file, built-in imports excluded
 * @param actors the services carrying {@code option (spawn.actors.actor)}
 */
record ActorContracts(List<FileDescriptor> files, List<ActorContract> actors) {
}
