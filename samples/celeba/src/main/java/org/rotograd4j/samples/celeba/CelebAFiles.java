package org.rotograd4j.samples.celeba;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The annotation files of CelebA's aligned-and-cropped release in a data folder, read and checked line by
 * line: {@value #ATTRIBUTE_FILE} (a count line, a line of attribute names, then one line per image with a
 * value of 1 or -1 per attribute, separated by any whitespace) and {@value #PARTITION_FILE} (one line per
 * image: its name and 0 for train, 1 for validation, 2 for test). The images themselves stay in {@value
 * #IMAGE_FOLDER}/ and are read by {@link CelebA}. Every format error names the file and the line.
 */
public final class CelebAFiles {

    /** The folder of the aligned and cropped JPEG images. */
    public static final String IMAGE_FOLDER = "img_align_celeba";
    /** The attribute file. */
    public static final String ATTRIBUTE_FILE = "list_attr_celeba.txt";
    /** The partition file. */
    public static final String PARTITION_FILE = "list_eval_partition.txt";

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final Path folder;
    private final List<String> attributes;
    private final String[] images;
    private final int[] lines;
    private final CelebA.Partition[] partitions;
    private final boolean[] labels;

    private CelebAFiles(Path folder, List<String> attributes, String[] images, int[] lines,
            CelebA.Partition[] partitions, boolean[] labels) {
        this.folder = folder;
        this.attributes = attributes;
        this.images = images;
        this.lines = lines;
        this.partitions = partitions;
        this.labels = labels;
    }

    /**
     * Returns what the data folder lacks of CelebA: the image folder and the two text files, by name; empty
     * when all are there.
     */
    public static List<String> missing(Path folder) {
        List<String> missing = new ArrayList<>();
        if (!Files.isDirectory(folder.resolve(IMAGE_FOLDER))) {
            missing.add(IMAGE_FOLDER + "/");
        }
        for (String file : List.of(ATTRIBUTE_FILE, PARTITION_FILE)) {
            if (!Files.isRegularFile(folder.resolve(file))) {
                missing.add(file);
            }
        }
        return missing;
    }

    /**
     * Reads and checks both text files of a data folder.
     *
     * @param folder the folder holding {@value #IMAGE_FOLDER}/, {@value #ATTRIBUTE_FILE} and {@value
     *     #PARTITION_FILE}
     * @return the attributes and partitions of every image
     * @throws IOException if a file is missing or malformed, naming the file and the line
     */
    public static CelebAFiles read(Path folder) throws IOException {
        List<String> missing = missing(folder);
        if (!missing.isEmpty()) {
            throw new IOException("not a CelebA folder: " + folder.toAbsolutePath() + " lacks " + String.join(", ", missing));
        }
        Map<String, CelebA.Partition> partitionOf = readPartitions(folder.resolve(PARTITION_FILE));
        return readAttributes(folder, partitionOf);
    }

    private static Map<String, CelebA.Partition> readPartitions(Path file) throws IOException {
        Map<String, CelebA.Partition> partitions = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = WHITESPACE.split(line.strip());
                if (fields.length != 2) {
                    throw error(file, number, "expected an image name and a partition id, found " + fields.length
                            + " fields in '" + line.strip() + "'");
                }
                CelebA.Partition partition = switch (fields[1]) {
                    case "0" -> CelebA.Partition.TRAIN;
                    case "1" -> CelebA.Partition.VALIDATION;
                    case "2" -> CelebA.Partition.TEST;
                    default -> throw error(file, number, "partition id '" + fields[1]
                            + "' of " + fields[0] + " is not 0 (train), 1 (validation) or 2 (test)");
                };
                Integer previous = lineOf.putIfAbsent(fields[0], number);
                if (previous != null) {
                    throw error(file, number, "image " + fields[0] + " is listed again (first on line " + previous + ")");
                }
                partitions.put(fields[0], partition);
            }
        }
        return partitions;
    }

    private static CelebAFiles readAttributes(Path folder, Map<String, CelebA.Partition> partitionOf)
            throws IOException {
        Path file = folder.resolve(ATTRIBUTE_FILE);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String countLine = reader.readLine();
            if (countLine == null) {
                throw error(file, 1, "the file is empty; line 1 must be the number of images");
            }
            int count;
            try {
                count = Integer.parseInt(countLine.strip());
            } catch (NumberFormatException e) {
                throw error(file, 1, "must be the number of images, found '" + countLine.strip() + "'");
            }
            String namesLine = reader.readLine();
            if (namesLine == null || namesLine.isBlank()) {
                throw error(file, 2, "must list the attribute names, separated by spaces");
            }
            List<String> attributes = List.of(WHITESPACE.split(namesLine.strip()));
            for (int k = 0; k < attributes.size(); k++) {
                if (attributes.indexOf(attributes.get(k)) != k) {
                    throw error(file, 2, "attribute " + attributes.get(k) + " is named twice");
                }
            }
            int width = attributes.size();
            List<String> images = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            List<CelebA.Partition> partitions = new ArrayList<>();
            boolean[] labels = new boolean[Math.min(Math.max(count, 0), 1 << 16) * width];
            Map<String, Integer> lineOf = new HashMap<>();
            int number = 2;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = WHITESPACE.split(line.strip());
                if (fields.length != width + 1) {
                    throw error(file, number, "expected an image name and " + width + " values, found "
                            + (fields.length - 1) + " values");
                }
                String image = fields[0];
                Integer previous = lineOf.putIfAbsent(image, number);
                if (previous != null) {
                    throw error(file, number, "image " + image + " is listed again (first on line " + previous + ")");
                }
                CelebA.Partition partition = partitionOf.get(image);
                if (partition == null) {
                    throw error(file, number, "image " + image + " has no line in " + PARTITION_FILE);
                }
                int row = images.size();
                if (row >= count) {
                    throw error(file, 1, "says " + count + " images, but line " + number + " holds image " + (row + 1));
                }
                if ((row + 1) * width > labels.length) {
                    labels = Arrays.copyOf(labels, Math.max(2 * labels.length, (row + 1) * width));
                }
                for (int k = 0; k < width; k++) {
                    String value = fields[k + 1];
                    if (!value.equals("1") && !value.equals("-1")) {
                        throw error(file, number, "value '" + value + "' of attribute " + attributes.get(k) + " for "
                                + image + " is neither 1 nor -1");
                    }
                    labels[row * width + k] = value.equals("1");
                }
                images.add(image);
                lines.add(number);
                partitions.add(partition);
            }
            if (images.size() != count) {
                throw error(file, 1, "says " + count + " images, but the file lists " + images.size());
            }
            return new CelebAFiles(folder, attributes, images.toArray(String[]::new),
                    lines.stream().mapToInt(Integer::intValue).toArray(),
                    partitions.toArray(CelebA.Partition[]::new), labels);
        }
    }

    private static IOException error(Path file, int line, String message) {
        return new IOException(file + " line " + line + ": " + message);
    }

    /** Returns the data folder. */
    public Path folder() {
        return folder;
    }

    /** Returns the attribute names, in file order. */
    public List<String> attributes() {
        return attributes;
    }

    /** Returns the number of images listed. */
    public int size() {
        return images.length;
    }

    /** Returns the file name of image {@code i} (in attribute-file order). */
    public String image(int i) {
        return images[i];
    }

    /** Returns the path of image {@code i}. */
    public Path imageFile(int i) {
        return folder.resolve(IMAGE_FOLDER).resolve(images[i]);
    }

    /** Returns the line of the attribute file that describes image {@code i}. */
    public int line(int i) {
        return lines[i];
    }

    /** Returns the partition of image {@code i}. */
    public CelebA.Partition partition(int i) {
        return partitions[i];
    }

    /** Returns whether image {@code i} has attribute {@code k} (a value of 1 in the file). */
    public boolean label(int i, int k) {
        return labels[i * attributes.size() + k];
    }

    /** Returns the attribute file. */
    public Path attributeFile() {
        return folder.resolve(ATTRIBUTE_FILE);
    }
}
