package io.gitops4j.cli;

import java.util.List;

/**
 * Rows as the CLI prints tables, kubectl style: each column padded to its widest cell plus two
 * spaces, the last one left as it is.
 */
final class TextTable {

    private TextTable() {
    }

    /** The rows (the first one usually a header), one line each; every row has as many cells. */
    static String of(List<List<String>> rows) {
        int columns = rows.isEmpty() ? 0 : rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns - 1; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns - 1; i++) {
                line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
            }
            line.append(row.get(columns - 1));
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
