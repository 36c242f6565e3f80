package io.spawn.internal.cluster.discovery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DNS server on the loopback interface for tests: answers A and AAAA queries (over UDP) for the names it is given,
 * NXDOMAIN for the others. Just enough of RFC 1035 for the JDK's DNS naming provider.
 */
final class FakeDnsServer implements AutoCloseable {

	private final DatagramSocket socket;

	private final Map<String, List<InetAddress>> records = new ConcurrentHashMap<>();

	private final Thread thread;

	FakeDnsServer() {
		try {
			this.socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
		}
		catch (SocketException ex) {
			throw new UncheckedIOException(ex);
		}
		this.thread = Thread.ofPlatform().daemon().name("fake-dns").start(this::serve);
	}

	String url() {
		return "dns://127.0.0.1:" + this.socket.getLocalPort();
	}

	void answer(String name, List<InetAddress> addresses) {
		this.records.put(name.toLowerCase(), addresses);
	}

	void forget(String name) {
		this.records.remove(name.toLowerCase());
	}

	private void serve() {
		byte[] buffer = new byte[512];
		while (!this.socket.isClosed()) {
			DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
			try {
				this.socket.receive(packet);
				byte[] reply = reply(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()));
				this.socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private byte[] reply(ByteBuffer query) {
		short id = query.getShort();
		query.position(12);
		int questionStart = query.position();
		StringBuilder name = new StringBuilder();
		for (int length = query.get(); length != 0; length = query.get()) {
			byte[] label = new byte[length];
			query.get(label);
			name.append(name.isEmpty() ? "" : ".").append(new String(label, java.nio.charset.StandardCharsets.US_ASCII));
		}
		int type = query.getShort() & 0xffff;
		query.getShort(); // class IN
		byte[] question = new byte[query.position() - questionStart];
		query.get(questionStart, question);
		List<InetAddress> known = this.records.get(name.toString().toLowerCase());
		List<InetAddress> answers = (known == null) ? List.of()
				: known.stream().filter((a) -> a.getAddress().length == ((type == 28) ? 16 : 4)).toList();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteBuffer header = ByteBuffer.allocate(12);
		header.putShort(id);
		header.putShort((short) (0x8180 | ((known == null) ? 3 : 0))); // response, recursion; NXDOMAIN if unknown
		header.putShort((short) 1).putShort((short) answers.size()).putShort((short) 0).putShort((short) 0);
		out.writeBytes(header.array());
		out.writeBytes(question);
		for (InetAddress address : answers) {
			ByteBuffer record = ByteBuffer.allocate(12 + address.getAddress().length);
			record.putShort((short) 0xc00c); // the name of the question
			record.putShort((short) type).putShort((short) 1).putInt(5);
			record.putShort((short) address.getAddress().length).put(address.getAddress());
			out.writeBytes(record.array());
		}
		return out.toByteArray();
	}

	@Override
	public void close() {
		this.socket.close();
		this.thread.interrupt();
	}

}
