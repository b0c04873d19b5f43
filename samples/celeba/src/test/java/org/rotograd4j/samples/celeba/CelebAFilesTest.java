package org.rotograd4j.samples.celeba;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rotograd4j.samples.celeba.CelebAFiles.ATTRIBUTE_FILE;
import static org.rotograd4j.samples.celeba.CelebAFiles.PARTITION_FILE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CelebAFilesTest {

    @TempDir
    Path folder;

    @BeforeEach
    void writeFixture() throws IOException {
        CelebAFixture.write(folder);
    }

    @Test
    void readsTheOfficialLayout() throws IOException {
        CelebAFiles files = CelebAFiles.read(folder);
        assertEquals(CelebAFixture.ATTRIBUTES, files.attributes());
        assertEquals(CelebAFixture.IMAGES, files.size());
        for (int i = 0; i < files.size(); i++) {
            assertEquals(CelebAFixture.name(i), files.image(i));
            assertEquals(i + 3, files.line(i), "line of image " + i);
            assertEquals(CelebA.Partition.values()[CelebAFixture.partition(i)], files.partition(i));
            assertEquals(folder.resolve("img_align_celeba").resolve(CelebAFixture.name(i)), files.imageFile(i));
            for (int k = 0; k < 40; k++) {
                assertEquals(CelebAFixture.label(i, k), files.label(i, k), "image " + i + " attribute " + k);
            }
        }
    }

    @Test
    void acceptsWindowsLineEndingsTabsAndBlankLines() throws IOException {
        CelebAFixture.edit(folder, ATTRIBUTE_FILE, text -> text.replace("\n", "\r\n").replace(" -1", "\t-1") + "\r\n");
        CelebAFixture.edit(folder, PARTITION_FILE, text -> "\n" + text.replace(" ", "   ") + "\n\n");
        CelebAFiles files = CelebAFiles.read(folder);
        assertEquals(CelebAFixture.ATTRIBUTES, files.attributes());
        assertEquals(CelebAFixture.IMAGES, files.size());
        assertEquals(CelebAFixture.label(5, 7), files.label(5, 7));
        assertEquals(CelebA.Partition.TEST, files.partition(15));
    }

    @Test
    void namesWhatTheFolderLacks() throws IOException {
        Files.delete(folder.resolve(PARTITION_FILE));
        assertEquals(List.of(PARTITION_FILE), CelebAFiles.missing(folder));
        assertError("lacks " + PARTITION_FILE);
        Path empty = folder.resolve("empty");
        Files.createDirectories(empty);
        assertEquals(List.of("img_align_celeba/", ATTRIBUTE_FILE, PARTITION_FILE), CelebAFiles.missing(empty));
    }

    @Test
    void rejectsAnEmptyAttributeFile() throws IOException {
        Files.writeString(folder.resolve(ATTRIBUTE_FILE), "");
        assertError(ATTRIBUTE_FILE + " line 1: the file is empty");
    }

    @Test
    void rejectsACountLineThatIsNotANumber() throws IOException {
        CelebAFixture.replaceLine(folder, ATTRIBUTE_FILE, 1, "16 images");
        assertError(ATTRIBUTE_FILE + " line 1: must be the number of images, found '16 images'");
    }

    @Test
    void rejectsACountLineThatAnnouncesMoreImages() throws IOException {
        CelebAFixture.replaceLine(folder, ATTRIBUTE_FILE, 1, "17");
        assertError(ATTRIBUTE_FILE + " line 1: says 17 images, but the file lists 16");
    }

    @Test
    void rejectsACountLineThatAnnouncesFewerImages() throws IOException {
        CelebAFixture.replaceLine(folder, ATTRIBUTE_FILE, 1, "15");
        assertError(ATTRIBUTE_FILE + " line 1: says 15 images, but line 18 holds image 16");
    }

    @Test
    void rejectsAMissingNamesLine() throws IOException {
        CelebAFixture.replaceLine(folder, ATTRIBUTE_FILE, 2, "   ");
        assertError(ATTRIBUTE_FILE + " line 2: must list the attribute names");
    }

    @Test
    void rejectsDuplicateAttributeNames() throws IOException {
        CelebAFixture.edit(folder, ATTRIBUTE_FILE, text -> text.replace("Wavy_Hair", "Straight_Hair"));
        assertError(ATTRIBUTE_FILE + " line 2: attribute Straight_Hair is named twice");
    }

    @Test
    void rejectsALineWithTooFewValues() throws IOException {
        String line = CelebAFixture.line(folder, ATTRIBUTE_FILE, 7);
        CelebAFixture.replaceLine(folder, ATTRIBUTE_FILE, 7, line.substring(0, line.length() - 3));
        assertError(ATTRIBUTE_FILE + " line 7: expected an image name and 40 values, found 39 values");
    }

    @Test
    void rejectsALineWithTooManyValues() throws IOException {
        CelebAFixture.replaceLine(folder, ATTRIBUTE_FILE, 9, CelebAFixture.line(folder, ATTRIBUTE_FILE, 9) + "  1");
        assertError(ATTRIBUTE_FILE + " line 9: expected an image name and 40 values, found 41 values");
    }

    @Test
    void rejectsValuesOtherThanPlusOrMinusOne() throws IOException {
        String line = CelebAFixture.line(folder, ATTRIBUTE_FILE, 4);
        CelebAFixture.replaceLine(folder, ATTRIBUTE_FILE, 4, line.substring(0, line.length() - 2) + " 0");
        assertError(ATTRIBUTE_FILE + " line 4: value '0' of attribute Young for 000002.jpg is neither 1 nor -1");
        CelebAFixture.replaceLine(folder, ATTRIBUTE_FILE, 4, line.replaceFirst(" -1", " 1.0"));
        assertError(ATTRIBUTE_FILE + " line 4: value '1.0' of attribute");
    }

    @Test
    void rejectsAnImageListedTwice() throws IOException {
        CelebAFixture.replaceLine(folder, ATTRIBUTE_FILE, 6,
                CelebAFixture.line(folder, ATTRIBUTE_FILE, 6).replace("000004.jpg", "000002.jpg"));
        assertError(ATTRIBUTE_FILE + " line 6: image 000002.jpg is listed again (first on line 4)");
    }

    @Test
    void rejectsAnImageWithoutPartition() throws IOException {
        CelebAFixture.replaceLine(folder, PARTITION_FILE, 5, "");
        assertError(ATTRIBUTE_FILE + " line 7: image 000005.jpg has no line in " + PARTITION_FILE);
    }

    @Test
    void rejectsPartitionIdsOtherThanZeroOneOrTwo() throws IOException {
        CelebAFixture.replaceLine(folder, PARTITION_FILE, 4, "000004.jpg 3");
        assertError(PARTITION_FILE + " line 4: partition id '3' of 000004.jpg is not 0 (train), 1 (validation) or 2 (test)");
    }

    @Test
    void rejectsPartitionLinesWithoutExactlyTwoFields() throws IOException {
        CelebAFixture.replaceLine(folder, PARTITION_FILE, 2, "000002.jpg 0 1");
        assertError(PARTITION_FILE + " line 2: expected an image name and a partition id, found 3 fields");
        CelebAFixture.replaceLine(folder, PARTITION_FILE, 2, "000002.jpg");
        assertError(PARTITION_FILE + " line 2: expected an image name and a partition id, found 1 fields");
    }

    @Test
    void rejectsAnImageWithTwoPartitionLines() throws IOException {
        CelebAFixture.replaceLine(folder, PARTITION_FILE, 12, "000003.jpg 1");
        assertError(PARTITION_FILE + " line 12: image 000003.jpg is listed again (first on line 3)");
    }

    private void assertError(String expected) {
        IOException error = assertThrows(IOException.class, () -> CelebAFiles.read(folder));
        assertTrue(error.getMessage().contains(expected), "message: " + error.getMessage());
        assertTrue(error.getMessage().contains(folder.toString()), "names the file: " + error.getMessage());
    }
}
