package io.spawn.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The values one figure took over the interleaved rounds: its median, and its spread as the lowest and highest
 * round.
 */
final class Spread {

	private final List<Double> values = new ArrayList<>();

	void add(double value) {
		this.values.add(value);
	}

	int count() {
		return this.values.size();
	}

	double median() {
		if (this.values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = sorted();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	double min() {
		return this.values.isEmpty() ? Double.NaN : sorted().get(0);
	}

	double max() {
		return this.values.isEmpty() ? Double.NaN : sorted().get(this.values.size() - 1);
	}

	private List<Double> sorted() {
		List<Double> sorted = new ArrayList<>(this.values);
		Collections.sort(sorted);
		return sorted;
	}

	/** {@code median [min–max]} with the given format for each number. */
	String format(String number) {
		if (this.values.isEmpty()) {
			return "n/a";
		}
		return String.format(Locale.ROOT, number + " [" + number + "–" + number + "]", median(), min(), max());
	}

	@Override
	public String toString() {
		return format("%.2f");
	}

}
