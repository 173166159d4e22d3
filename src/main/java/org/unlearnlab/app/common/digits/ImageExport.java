package org.unlearnlab.app.common.digits;

import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.transform.Transform;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes what the user sees to PNG files. */
public final class ImageExport {
    private ImageExport() {
    }

    /**
     * Snapshots {@code node} (on the FX thread) at {@code scale} times its size and writes it as PNG. A
     * white fill keeps charts legible in viewers that show transparency as black.
     */
    public static BufferedImage snapshot(Node node, double scale) {
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.WHITE);
        if (scale != 1) {
            p.setTransform(Transform.scale(scale, scale));
        }
        WritableImage img = node.snapshot(p, null);
        // Through TYPE_INT_RGB: ImageIO writes ARGB fine, but some viewers render its alpha strangely.
        BufferedImage argb = SwingFXUtils.fromFXImage(img, null);
        BufferedImage rgb = new BufferedImage(argb.getWidth(), argb.getHeight(), BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(argb, 0, 0, null);
        return rgb;
    }

    public static void writeSnapshot(Node node, Path file) throws IOException {
        writePng(snapshot(node, 1), file);
    }

    public static void writePng(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }

    /** {@code name} with ".png" appended unless it already ends so. */
    public static Path withExtension(Path file, String extension) {
        String n = file.getFileName().toString();
        return n.toLowerCase(java.util.Locale.ROOT).endsWith("." + extension) ? file
                : file.resolveSibling(n + "." + extension);
    }
}
