package org.unlearnlab.app.common.digits;

import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(ApplicationExtension.class)
class DigitViewFxTest {
    private DigitView view;

    @Start
    void start(Stage stage) {
        view = new DigitView(280);
        view.setStyle("-fx-border-width: 0;");
        float[] checker = new float[784];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                checker[y * 28 + x] = (x + y) % 2 == 0 ? 1f : 0f;
            }
        }
        view.setPixels(checker, ColorMaps.GRAYSCALE);
        stage.setScene(new Scene(new StackPane(view), 320, 320));
        stage.show();
    }

    @Test
    void enlargesWithoutSmoothingSoEveryPixelIsAUniformBlock(FxRobot robot) {
        WritableImage[] holder = new WritableImage[1];
        robot.interact(() -> holder[0] = view.snapshot(new SnapshotParameters(), null));
        WaitForAsyncUtils.waitForFxEvents();
        PixelReader r = holder[0].getPixelReader();
        // 280 px for 28 pixels: each is a 10x10 block. Check its corners too, where smoothing would blend.
        for (int by = 0; by < 28; by += 3) {
            for (int bx = 0; bx < 28; bx += 3) {
                int expected = (bx + by) % 2 == 0 ? 0xffffff : 0x000000;
                for (int[] o : new int[][]{{0, 0}, {9, 0}, {0, 9}, {9, 9}, {5, 5}}) {
                    int argb = r.getArgb(bx * 10 + o[0], by * 10 + o[1]);
                    assertEquals(expected, argb & 0xffffff, "block " + bx + "," + by + " offset " + o[0] + "," + o[1]);
                }
            }
        }
    }

    @Test
    void sizesThatAreNoMultipleOf28StillGiveSharpBlocksWithinOnePixelOfEachOther(FxRobot robot) {
        float[] stripes = new float[784];
        for (int p = 0; p < 784; p++) {
            stripes[p] = (p % 28) % 2 == 0 ? 1f : 0f;
        }
        javafx.scene.image.Image[] out = new javafx.scene.image.Image[1];
        robot.interact(() -> out[0] = DigitView.enlarge(DigitImages.toImage(stripes, ColorMaps.GRAYSCALE), 64));
        PixelReader r = out[0].getPixelReader();
        int run = 1;
        java.util.List<Integer> runs = new java.util.ArrayList<>();
        for (int x = 1; x < 64; x++) {
            int a = r.getArgb(x, 0) & 0xffffff;
            assertTrue(a == 0 || a == 0xffffff, "no blended pixel at " + x);
            if (a == (r.getArgb(x - 1, 0) & 0xffffff)) {
                run++;
            } else {
                runs.add(run);
                run = 1;
            }
        }
        runs.add(run);
        assertEquals(28, runs.size(), "one block per source pixel: " + runs);
        assertTrue(runs.stream().allMatch(n -> n == 2 || n == 3), runs.toString());
    }
}
