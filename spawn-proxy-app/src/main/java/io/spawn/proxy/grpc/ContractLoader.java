package io.spawn.proxy.grpc;

import com.google.api.AnnotationsProto;
import com.google.protobuf.AnyProto;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.ExtensionRegistry;
import com.google.protobuf.FieldMaskProto;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StructProto;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.WrappersProto;
import io.spawn.protocol.ProtocolProto;
import io.spawn.protocol.actors.ExtensionsProto;
import io.spawn.proxy.config.InvalidProxyConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.logging.LogFactory;
import org.springframework.core.log.LogAccessor;

/**
 * Reads the actor contracts from the {@code FileDescriptorSet} files of a directory.
 *
 * <p>
 * Options of a descriptor set arrive as bytes; they are parsed with a registry that knows Spawn's extensions and
 * {@code google.api.http}, so that {@code (spawn.actors.actor)}, {@code (spawn.actors.actor_id)} and the HTTP
 * rules can be read. Imports that the proxy has compiled in ({@code google/protobuf/*}, {@code google/api/*},
 * {@code spawn/actors/*}) are always taken from the classpath, even when the set holds a copy, so that messages of
 * those types are the generated ones; any other import must be in one of the files of the directory.
 */
final class ContractLoader {

	private static final LogAccessor logger = new LogAccessor(LogFactory.getLog(ContractLoader.class));

	static final String KEY = "spawn.proxy.grpc.descriptors-dir";

	private static final List<String> EXTENSIONS = List.of(".pb", ".desc", ".protoset");

	private ContractLoader() {
	}

	/** Contract options, parsed from the options' bytes of a descriptor set. */
	static ExtensionRegistry extensionRegistry() {
		ExtensionRegistry registry = ExtensionRegistry.newInstance();
		ExtensionsProto.registerAllExtensions(registry);
		AnnotationsProto.registerAllExtensions(registry);
		return registry;
	}

	/** The files the proxy has compiled in, by name, with their imports. */
	static Map<String, FileDescriptor> builtIn() {
		Map<String, FileDescriptor> known = new LinkedHashMap<>();
		for (FileDescriptor root : List.of(ExtensionsProto.getDescriptor(), ProtocolProto.getDescriptor(),
				AnnotationsProto.getDescriptor(), AnyProto.getDescriptor(), EmptyProto.getDescriptor(),
				TimestampProto.getDescriptor(), DurationProto.getDescriptor(), WrappersProto.getDescriptor(),
				StructProto.getDescriptor(), FieldMaskProto.getDescriptor())) {
			addWithImports(root, known);
		}
		return known;
	}

	private static void addWithImports(FileDescriptor file, Map<String, FileDescriptor> known) {
		if (known.putIfAbsent(file.getName(), file) == null) {
			file.getDependencies().forEach((dependency) -> addWithImports(dependency, known));
		}
	}

	/**
	 * Loads every file of every descriptor set in {@code dir}.
	 * @param dir the directory; missing means no contracts
	 * @return the files, built-in imports excluded
	 */
	static List<FileDescriptor> loadFiles(Path dir) {
		if (!Files.isDirectory(dir)) {
			logger.debug(() -> "No contract descriptors: " + dir + " is not a directory");
			return List.of();
		}
		Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
		ExtensionRegistry registry = extensionRegistry();
		for (Path file : descriptorSetFiles(dir)) {
			try {
				FileDescriptorSet set = FileDescriptorSet.parseFrom(Files.readAllBytes(file), registry);
				for (FileDescriptorProto proto : set.getFileList()) {
					protos.putIfAbsent(proto.getName(), proto);
				}
			}
			catch (IOException ex) {
				throw new InvalidProxyConfigurationException(
						"Contract descriptor file " + file + " is not a readable FileDescriptorSet: " + ex.getMessage(),
						"Write it with protoc --descriptor_set_out=" + file.getFileName() + " --include_imports, or "
								+ "remove it from " + KEY + ".");
			}
		}
		return buildAll(protos, "descriptor set in " + KEY);
	}

	/**
	 * Loads the files of a descriptor set a host sent in its registration ({@code RegistrationRequest.contracts}),
	 * with the same rules as the directory's sets.
	 * @param bytes a serialized {@code FileDescriptorSet}
	 * @return the files, built-in imports excluded
	 * @throws InvalidProxyConfigurationException when the bytes are not a descriptor set, an import is missing or a
	 * file is invalid
	 */
	static List<FileDescriptor> loadRegistered(ByteString bytes) {
		Map<String, FileDescriptorProto> protos = new LinkedHashMap<>();
		try {
			FileDescriptorSet set = FileDescriptorSet.parseFrom(bytes, extensionRegistry());
			for (FileDescriptorProto proto : set.getFileList()) {
				protos.putIfAbsent(proto.getName(), proto);
			}
		}
		catch (InvalidProtocolBufferException ex) {
			throw new InvalidProxyConfigurationException(
					"The registration's contracts are not a readable FileDescriptorSet: " + ex.getMessage(),
					"Send the bytes of a set written with protoc --descriptor_set_out --include_imports.");
		}
		return buildAll(protos, "file of the registration's contracts");
	}

	private static List<FileDescriptor> buildAll(Map<String, FileDescriptorProto> protos, String source) {
		Map<String, FileDescriptor> built = builtIn();
		Set<String> builtInNames = new HashSet<>(built.keySet());
		List<FileDescriptor> files = new ArrayList<>();
		for (String name : protos.keySet()) {
			if (!builtInNames.contains(name)) {
				files.add(build(name, protos, built, new ArrayList<>(), source));
			}
		}
		return files;
	}

	private static List<Path> descriptorSetFiles(Path dir) {
		try (Stream<Path> entries = Files.list(dir)) {
			return entries.filter(Files::isRegularFile)
				.filter((path) -> EXTENSIONS.stream()
					.anyMatch((extension) -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(extension)))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new InvalidProxyConfigurationException("Cannot list " + KEY + " " + dir + ": " + ex.getMessage(),
					"Make " + dir + " a readable directory, or point " + KEY + " elsewhere.");
		}
	}

	private static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos,
			Map<String, FileDescriptor> built, List<String> path, String source) {
		FileDescriptor done = built.get(name);
		if (done != null) {
			return done;
		}
		FileDescriptorProto proto = protos.get(name);
		if (proto == null) {
			throw new InvalidProxyConfigurationException(
					"Contract file " + path.getLast() + " imports " + name + ", which no " + source + " holds",
					"Generate the descriptor sets with protoc --include_imports.");
		}
		if (path.contains(name)) {
			throw new InvalidProxyConfigurationException("Contract files import each other in a cycle: " + path,
					"Fix the imports of " + name + ".");
		}
		path.add(name);
		List<FileDescriptor> dependencies = new ArrayList<>();
		for (String dependency : proto.getDependencyList()) {
			dependencies.add(build(dependency, protos, built, path, source));
		}
		path.removeLast();
		try {
			FileDescriptor file = FileDescriptor.buildFrom(proto, dependencies.toArray(FileDescriptor[]::new));
			built.put(name, file);
			return file;
		}
		catch (DescriptorValidationException ex) {
			throw new InvalidProxyConfigurationException(
					"Contract file " + name + " is not valid: " + ex.getMessage(),
					"Fix the .proto file and generate its descriptor set again.");
		}
	}

	/**
	 * The services of {@code files} that carry {@code option (spawn.actors.actor)}.
	 * @param files contract files
	 * @return the actor services
	 */
	static List<ActorContract> actorServices(List<FileDescriptor> files) {
		List<ActorContract> contracts = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (FileDescriptor file : files) {
			for (ServiceDescriptor service : file.getServices()) {
				if (service.getOptions().hasExtension(ExtensionsProto.actor)) {
					ActorContract contract = new ActorContract(service,
							service.getOptions().getExtension(ExtensionsProto.actor));
					if (!names.add(service.getFullName())) {
						continue;
					}
					contracts.add(contract);
					logger.info(() -> "Actor contract " + service.getFullName() + " -> actor '"
							+ contract.actorName() + "' (" + contract.options().getKind() + ")");
				}
			}
		}
		return contracts;
	}

}
