package com.cureka.appointments.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * A PNG of throughput and p99 latency against clients, one line per scenario, both axes logarithmic, with pgbench's
 * rate and the targets as references. Java2D only (headless), no plotting library.
 */
final class Plot {
    private static final int WIDTH = 1500;
    private static final int HEIGHT = 620;
    private static final Map<String, Color> COLORS = new LinkedHashMap<>();

    static {
        COLORS.put("book", new Color(0x1f77b4));
        COLORS.put("list-uncached", new Color(0xff7f0e));
        COLORS.put("list-cached", new Color(0x2ca02c));
        COLORS.put("calcom-book", new Color(0xd62728));
        COLORS.put("calcom-fake-direct", new Color(0x7f7f7f));
        COLORS.put("book-after-listings", new Color(0x17becf));
        COLORS.put(FloorRatios.HTTP_FLOOR, new Color(0x000000));
    }

    private static final Color FLOOR = new Color(0x8c564b);

    private static final Color PGBENCH = new Color(0x9467bd);

    /** One point of a scenario's lines: answers a second (2xx) and p99 in ms at a level of clients. */
    record Point(String scenario, int clients, double goodput, double p99) {
        static Point of(LevelResult r) {
            return new Point(r.scenario(), r.clients(), r.goodput(), r.p99());
        }
    }

    private Plot() {}

    /**
     * Draws the plot of a run again from its CSV (e.g. after editing it, or to put a run's plot in the docs):
     * {@code java -cp bench/target/bench.jar com.cureka.appointments.bench.Plot bench/results/bench-<run>.csv out.png}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Plot bench-<run>.csv out.png");
            System.exit(2);
        }
        var points = new ArrayList<Point>();
        var pgbench = new ArrayList<PgBench.Run>();
        String date = "";
        for (String line : Files.readAllLines(Path.of(args[0])).stream().skip(1).toList()) {
            String[] f = line.split(
                    ",",
                    -1); // run,scenario,clients,requests,errors,errors_by_status,seconds,throughput,ok_per_s,p50,p95,p99,...
            date = f[0].length() >= 8
                    ? f[0].substring(0, 4) + "-" + f[0].substring(4, 6) + "-" + f[0].substring(6, 8)
                    : f[0];
            if (f[1].startsWith("pgbench-")) {
                pgbench.add(new PgBench.Run(
                        f[1].substring("pgbench-".length()),
                        Integer.parseInt(f[2]),
                        Double.parseDouble(f[7]),
                        Long.parseLong(f[3]),
                        Long.parseLong(f[4]),
                        0,
                        null));
            } else {
                points.add(
                        new Point(f[1], Integer.parseInt(f[2]), Double.parseDouble(f[8]), Double.parseDouble(f[11])));
            }
        }
        drawPoints(
                points,
                pgbench,
                Path.of(args[1]),
                "Appointments load benchmark, " + date + ", " + MachineLoad.CORES + " cores");
    }

    static void draw(List<LevelResult> results, List<PgBench.Run> pgbench, Path file, String title) throws IOException {
        drawPoints(results.stream().map(Point::of).toList(), pgbench, file, title);
    }

    static void drawPoints(List<Point> results, List<PgBench.Run> pgbench, Path file, String title) throws IOException {
        var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, 40, 30);

        var clients = new TreeSet<Integer>();
        results.forEach(r -> clients.add(r.clients()));
        pgbench.forEach(r -> clients.add(r.clients()));
        if (clients.isEmpty()) {
            clients.add(1);
        }
        var throughput = new Panel(g, 70, 60, 560, 470, "throughput (answers/s, log)", clients, 1, 100_000);
        throughput.frame();
        var p99 = new Panel(g, 770, 60, 560, 470, "p99 latency (ms, log)", clients, 0.1, 10_000);
        p99.frame();

        // references
        p99.horizontal(25, COLORS.get("book"), "target: booking p99 25 ms at 16 clients");
        p99.horizontal(120, COLORS.get("book"), "target: booking p99 120 ms at 64 clients");
        p99.horizontal(110, COLORS.get("calcom-book"), "target: Cal.com bookings 100 + 10 ms");

        for (var entry : COLORS.entrySet()) {
            var series = results.stream()
                    .filter(r -> r.scenario().equals(entry.getKey()))
                    .toList();
            throughput.series(
                    series, Point::goodput, entry.getValue(), entry.getKey().equals("calcom-fake-direct"));
            p99.series(series, Point::p99, entry.getValue(), entry.getKey().equals("calcom-fake-direct"));
        }
        var floor = pgbench.stream()
                .filter(r -> r.ok() && r.script().equals(Floor.SCRIPT))
                .map(r -> new Point(Floor.SCRIPT, r.clients(), r.tps(), Double.NaN))
                .toList();
        throughput.series(floor, Point::goodput, FLOOR, true);
        for (String script : List.of("booking-transaction", "booking-request")) {
            var runs = pgbench.stream()
                    .filter(r -> r.ok() && r.script().equals(script))
                    .toList();
            var points = new ArrayList<double[]>();
            runs.forEach(r -> points.add(new double[] {r.clients(), r.tps()}));
            throughput.points(points, PGBENCH, script.equals("booking-transaction"));
        }

        // legend
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = 70;
        int y = 585;
        for (var entry : COLORS.entrySet()) {
            if (results.stream().noneMatch(r -> r.scenario().equals(entry.getKey()))) {
                continue;
            }
            g.setColor(entry.getValue());
            g.setStroke(stroke(entry.getKey().equals("calcom-fake-direct")));
            g.drawLine(x, y - 5, x + 30, y - 5);
            g.fillOval(x + 11, y - 9, 8, 8);
            g.setColor(Color.BLACK);
            g.drawString(entry.getKey(), x + 36, y);
            x += 60 + g.getFontMetrics().stringWidth(entry.getKey());
        }
        if (!pgbench.isEmpty()) {
            g.setColor(PGBENCH);
            g.fillRect(x, y - 10, 9, 9);
            g.setColor(Color.BLACK);
            g.drawString("pgbench booking transaction (tps)", x + 14, y);
            x += 30 + g.getFontMetrics().stringWidth("pgbench booking transaction (tps)");
            g.setColor(PGBENCH);
            g.drawRect(x, y - 10, 9, 9);
            g.setColor(Color.BLACK);
            g.drawString("pgbench whole booking request", x + 14, y);
            x += 30 + g.getFontMetrics().stringWidth("pgbench whole booking request");
            g.setColor(FLOOR);
            g.setStroke(stroke(true));
            g.drawLine(x, y - 5, x + 30, y - 5);
            g.setColor(Color.BLACK);
            g.drawString("pgbench floor (tps)", x + 36, y);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("dotted: target; closed-loop clients on the same machine as the app and PostgreSQL", 70, 608);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static Stroke stroke(boolean dashed) {
        return dashed
                ? new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 5f}, 0f)
                : new BasicStroke(2.2f);
    }

    /** One chart: x = clients (log 2), y logarithmic between {@code low} and {@code high}. */
    private record Panel(
            Graphics2D g,
            int left,
            int top,
            int width,
            int height,
            String label,
            TreeSet<Integer> clients,
            double low,
            double high) {

        int x(double clientCount) {
            double min = Math.log(clients.first());
            double max = Math.log(Math.max(clients.last(), clients.first() * 2));
            double span = max - min;
            return left + 30 + (int) Math.round((Math.log(clientCount) - min) / span * (width - 60));
        }

        int y(double value) {
            double v = Math.max(low, Math.min(high, value));
            return top
                    + height
                    - (int) Math.round(
                            (Math.log10(v) - Math.log10(low)) / (Math.log10(high) - Math.log10(low)) * height);
        }

        void frame() {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (double v = low; v <= high * 1.0001; v *= 10) {
                int yy = y(v);
                g.setColor(new Color(0xe5e5e5));
                g.drawLine(left, yy, left + width, yy);
                g.setColor(Color.DARK_GRAY);
                String text = v >= 1 ? String.format("%,.0f", v) : String.valueOf(v);
                g.drawString(text, left - 8 - g.getFontMetrics().stringWidth(text), yy + 4);
            }
            for (int c : clients) {
                int xx = x(c);
                g.setColor(new Color(0xe5e5e5));
                g.drawLine(xx, top, xx, top + height);
                g.setColor(Color.DARK_GRAY);
                String text = Integer.toString(c);
                g.drawString(text, xx - g.getFontMetrics().stringWidth(text) / 2, top + height + 16);
            }
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(left, top, width, height);
            g.drawString("concurrent clients", left + width / 2 - 50, top + height + 34);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(label, left, top - 8);
        }

        void horizontal(double value, Color color, String text) {
            g.setColor(color);
            g.setStroke(
                    new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {2f, 4f}, 0f));
            int yy = y(value);
            g.drawLine(left, yy, left + width, yy);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            g.drawString(text, left + width - 8 - g.getFontMetrics().stringWidth(text), yy - 4);
        }

        void series(List<Point> series, ToDoubleFunction<Point> value, Color color, boolean dashed) {
            g.setColor(color);
            g.setStroke(stroke(dashed));
            int[] previous = null;
            for (var r : series.stream()
                    .sorted(Comparator.comparingInt(Point::clients))
                    .toList()) {
                double v = value.applyAsDouble(r);
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                int[] point = {x(r.clients()), y(v)};
                if (previous != null) {
                    g.drawLine(previous[0], previous[1], point[0], point[1]);
                }
                g.fillOval(point[0] - 4, point[1] - 4, 8, 8);
                previous = point;
            }
        }

        void points(List<double[]> points, Color color, boolean filled) {
            g.setColor(color);
            g.setStroke(new BasicStroke(1.6f));
            for (double[] p : points) {
                int xx = x(p[0]);
                int yy = y(p[1]);
                if (filled) {
                    g.fillRect(xx - 5, yy - 5, 10, 10);
                } else {
                    g.drawRect(xx - 5, yy - 5, 10, 10);
                }
            }
        }
    }
}
