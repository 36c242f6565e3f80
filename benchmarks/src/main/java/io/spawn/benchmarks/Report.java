package io.spawn.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Collects every figure of a run and prints them as Markdown tables: the figures (Spawn beside its baseline,
 * each as median and spread over the rounds) and the targets with their verdicts.
 */
final class Report {

	private final List<String> figures = new ArrayList<>();

	private final List<String> targets = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	/**
	 * Records one compared figure.
	 * @param benchmark which benchmark, e.g. {@code 1 embedded}
	 * @param what the figure, e.g. {@code calls/s at 8 callers}
	 * @param spawn Spawn's values over the rounds, formatted
	 * @param baseline the baseline's values over the rounds, formatted
	 * @param ratio Spawn over baseline per round
	 */
	void figure(String benchmark, String what, String spawn, String baseline, Spread ratio) {
		this.figures.add("| " + benchmark + " | " + what + " | " + spawn + " | " + baseline + " | "
				+ ratio.format("%.2fx") + " |");
	}

	/** Records a figure that has no baseline. */
	void figure(String benchmark, String what, String spawn) {
		this.figures.add("| " + benchmark + " | " + what + " | " + spawn + " | | |");
	}

	/**
	 * Records a target and whether the median met it.
	 * @param target the target as the issue states it
	 * @param measured what was measured, formatted
	 * @param met whether the median meets it
	 */
	void target(String target, String measured, boolean met) {
		this.targets.add("| " + target + " | " + measured + " | " + (met ? "met" : "**missed**") + " |");
	}

	void targetNotRun(String target, String why) {
		this.targets.add("| " + target + " | " + why + " | not run |");
	}

	void note(String note) {
		this.notes.add(note);
	}

	String markdown(String header) {
		StringBuilder out = new StringBuilder(header).append('\n');
		out.append("| benchmark | figure | Spawn median [min–max] | baseline median [min–max] | ratio median [min–max] |\n");
		out.append("|---|---|---|---|---|\n");
		this.figures.forEach((row) -> out.append(row).append('\n'));
		out.append("\n| target | measured (median [min–max]) | verdict |\n|---|---|---|\n");
		this.targets.forEach((row) -> out.append(row).append('\n'));
		if (!this.notes.isEmpty()) {
			out.append('\n');
			this.notes.forEach((note) -> out.append("- ").append(note).append('\n'));
		}
		return out.toString();
	}

	void write(Path file, String header) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			Files.writeString(file, markdown(header));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String rate(double perSecond) {
		return String.format(Locale.ROOT, "%,.0f", perSecond);
	}

	static String micros(double nanos) {
		return String.format(Locale.ROOT, "%.1f µs", nanos / 1_000.0);
	}

}
