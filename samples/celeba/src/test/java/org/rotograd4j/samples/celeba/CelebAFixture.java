package org.rotograd4j.samples.celeba;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;

/**
 * A tiny CelebA folder in the official layout: {@value #IMAGES} solid-color JPEGs of 20x24 in
 * img_align_celeba/, list_attr_celeba.txt formatted as the official one (values right-aligned in two
 * characters, so "-1" and " 1" with double spaces, a trailing space after the names) and
 * list_eval_partition.txt. Images 1-10 are train, 11-13 validation, 14-16 test.
 */
final class CelebAFixture {

    /** CelebA's 40 attributes in the official order. */
    static final List<String> ATTRIBUTES = List.of("5_o_Clock_Shadow", "Arched_Eyebrows", "Attractive",
            "Bags_Under_Eyes", "Bald", "Bangs", "Big_Lips", "Big_Nose", "Black_Hair", "Blond_Hair", "Blurry",
            "Brown_Hair", "Bushy_Eyebrows", "Chubby", "Double_Chin", "Eyeglasses", "Goatee", "Gray_Hair",
            "Heavy_Makeup", "High_Cheekbones", "Male", "Mouth_Slightly_Open", "Mustache", "Narrow_Eyes", "No_Beard",
            "Oval_Face", "Pale_Skin", "Pointy_Nose", "Receding_Hairline", "Rosy_Cheeks", "Sideburns", "Smiling",
            "Straight_Hair", "Wavy_Hair", "Wearing_Earrings", "Wearing_Hat", "Wearing_Lipstick", "Wearing_Necklace",
            "Wearing_Necktie", "Young");

    static final int IMAGES = 16;

    private CelebAFixture() {}

    /** Returns the file name of image {@code i} (0-based). */
    static String name(int i) {
        return String.format(Locale.ROOT, "%06d.jpg", i + 1);
    }

    /** Returns the partition id of image {@code i}: 0 for 0-9, 1 for 10-12, 2 for 13-15. */
    static int partition(int i) {
        return i < 10 ? 0 : i < 13 ? 1 : 2;
    }

    /** Returns whether image {@code i} has attribute {@code k}. */
    static boolean label(int i, int k) {
        return (i * 7 + k * 3) % 5 < 2;
    }

    /** Returns the solid color of image {@code i}. */
    static Color color(int i) {
        return new Color((40 + 13 * i) % 256, (200 - 11 * i) % 256, (90 + 29 * i) % 256);
    }

    /** Writes the fixture into {@code folder} and returns it. */
    static Path write(Path folder) throws IOException {
        Path images = Files.createDirectories(folder.resolve(CelebAFiles.IMAGE_FOLDER));
        for (int i = 0; i < IMAGES; i++) {
            writeImage(images.resolve(name(i)), color(i));
        }
        Files.writeString(folder.resolve(CelebAFiles.ATTRIBUTE_FILE), attributeText());
        Files.writeString(folder.resolve(CelebAFiles.PARTITION_FILE), partitionText());
        return folder;
    }

    static void writeImage(Path file, Color color) throws IOException {
        BufferedImage image = new BufferedImage(20, 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(color);
        graphics.fillRect(0, 0, image.getWidth(), image.getHeight());
        graphics.dispose();
        if (!ImageIO.write(image, "jpg", file.toFile())) {
            throw new IOException("no JPEG writer");
        }
    }

    /** Writes a JPEG of CelebA's size (178x218) with smooth gradients and a disc, so its data spans many blocks. */
    static void writePhoto(Path file) throws IOException {
        BufferedImage image = new BufferedImage(178, 218, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, new Color(x * 255 / 177, y * 255 / 217, (x * y) % 256).getRGB());
            }
        }
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillOval(40, 60, 90, 110);
        graphics.dispose();
        if (!ImageIO.write(image, "jpg", file.toFile())) {
            throw new IOException("no JPEG writer");
        }
    }

    static String attributeText() {
        StringBuilder text = new StringBuilder().append(IMAGES).append('\n');
        text.append(String.join(" ", ATTRIBUTES)).append(" \n");
        for (int i = 0; i < IMAGES; i++) {
            text.append(name(i));
            for (int k = 0; k < ATTRIBUTES.size(); k++) {
                text.append(label(i, k) ? "  1" : " -1");
            }
            text.append('\n');
        }
        return text.toString();
    }

    static String partitionText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < IMAGES; i++) {
            text.append(name(i)).append(' ').append(partition(i)).append('\n');
        }
        return text.toString();
    }

    /** Rewrites one of the text files with {@code edit} applied. */
    static void edit(Path folder, String file, UnaryOperator<String> edit) throws IOException {
        Path path = folder.resolve(file);
        Files.writeString(path, edit.apply(Files.readString(path)));
    }

    /** Replaces line {@code number} (1-based) of one of the text files. */
    static void replaceLine(Path folder, String file, int number, String line) throws IOException {
        edit(folder, file, text -> {
            String[] lines = text.split("\n", -1);
            lines[number - 1] = line;
            return String.join("\n", lines);
        });
    }

    /** Returns line {@code number} (1-based) of one of the text files. */
    static String line(Path folder, String file, int number) throws IOException {
        return Files.readString(folder.resolve(file)).split("\n", -1)[number - 1];
    }
}
