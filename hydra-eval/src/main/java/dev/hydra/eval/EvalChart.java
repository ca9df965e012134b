package dev.hydra.eval;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * The results as bars (JFreeChart): one panel per task, one bar per method on the task's primary metric, with the
 * standard deviation over repeats as an error bar.
 */
final class EvalChart {

    private static final int WIDTH = 960;
    private static final int PANEL_HEIGHT = 300;

    private final List<EvalReport.Row> rows;
    private final List<String> tasks;
    private final List<String> methods;

    EvalChart(List<EvalReport.Row> rows, List<String> tasks, List<String> methods) {
        this.rows = rows;
        this.tasks = tasks;
        this.methods = methods;
    }

    void writePng(Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * Math.max(1, tasks.size()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int i = 0; i < tasks.size(); i++) {
                panel(tasks.get(i)).draw(g, new Rectangle2D.Double(0, i * PANEL_HEIGHT, WIDTH, PANEL_HEIGHT));
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }

    private JFreeChart panel(String task) {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        String metric = null;
        for (String method : methods) {
            for (EvalReport.Row r : rows) {
                if (r.task().equals(task) && r.method().equals(method)) {
                    metric = EvalReport.primaryMetric(r.metrics());
                    data.add(r.metrics().get(metric), r.std().get(metric), metric, method);
                }
            }
        }
        String label = metric == null ? ""
                : metric + (EvalReport.LOWER_IS_BETTER.contains(metric) ? " (lower is better)" : "");
        JFreeChart chart = ChartFactory.createBarChart(task, null, label, data, PlotOrientation.VERTICAL, false, false,
                false);
        CategoryPlot plot = chart.getCategoryPlot();
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setSeriesPaint(0, new Color(0x3b6ea5));
        renderer.setErrorIndicatorPaint(Color.DARK_GRAY);
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        CategoryAxis axis = plot.getDomainAxis();
        axis.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        axis.setMaximumCategoryLabelLines(2);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }
}
