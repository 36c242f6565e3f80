package io.spawn.autoconfigure;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;

/**
 * Reads the descriptor sets of {@code spawn.sidecar.contracts} and merges them into the one
 * {@code FileDescriptorSet} a sidecar registration carries (ADR 0007). A file named by several sets is taken from
 * the first.
 */
final class ContractDescriptors {

	static final String KEY = "spawn.sidecar.contracts";

	private ContractDescriptors() {
	}

	/**
	 * Reads and merges descriptor sets.
	 * @param resources the descriptor set files
	 * @return the merged set's bytes, empty when there is no resource
	 * @throws IllegalStateException naming the resource that is missing, unreadable or not a descriptor set
	 */
	static ByteString read(List<Resource> resources) {
		if (resources.isEmpty()) {
			return ByteString.EMPTY;
		}
		Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
		for (Resource resource : resources) {
			if (!resource.exists()) {
				throw new IllegalStateException("Contract descriptor set " + resource.getDescription() + " of " + KEY
						+ " does not exist");
			}
			try (InputStream in = resource.getInputStream()) {
				FileDescriptorSet set = FileDescriptorSet.parseFrom(in);
				for (FileDescriptorProto file : set.getFileList()) {
					files.putIfAbsent(file.getName(), file);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException("Contract descriptor set " + resource.getDescription() + " of " + KEY
						+ " is not a readable FileDescriptorSet: " + ex.getMessage(), ex);
			}
		}
		return FileDescriptorSet.newBuilder().addAllFile(files.values()).build().toByteString();
	}

}
