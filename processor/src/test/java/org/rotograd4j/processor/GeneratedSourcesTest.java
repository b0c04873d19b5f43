package org.rotograd4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The generated sources: golden files, determinism, complete javadoc, and a model with many heads. */
class GeneratedSourcesTest {

    private static JavaFileObject twoHeads() {
        return Sources.model("TwoHeads",
                "public class TwoHeads {",
                "    @SharedBackbone(featureSize = 8)",
                "    @Rotate(dims = 6)",
                "    Block backbone = Linear.builder().setUnits(8).build();",
                "",
                "    @TaskHead(name = \"value\", loss = TaskLoss.MSE, metrics = TaskMetric.MAE)",
                "    Block valueHead() {",
                "        return Linear.builder().setUnits(1).build();",
                "    }",
                "",
                "    @TaskHeads(names = {\"Wavy_Hair\", \"5_o_Clock_Shadow\"}, loss = TaskLoss.SIGMOID_BINARY_CROSS_ENTROPY,",
                "            metrics = TaskMetric.F1)",
                "    Block attribute(int index) {",
                "        return Linear.builder().setUnits(1).build();",
                "    }",
                "}");
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = GeneratedSourcesTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String generated(Compilation compilation, String qualifiedName) throws IOException {
        return compilation.generatedSourceFile(qualifiedName).orElseThrow().getCharContent(true).toString();
    }

    @Test
    void generatesTheGoldenSources() throws IOException {
        Compilation compilation = Sources.compile(twoHeads());
        assertThat(compilation).succeededWithoutWarnings();
        assertEquals(golden("TwoHeadsMultiTask.java"), generated(compilation, "test.TwoHeadsMultiTask"));
        assertEquals(golden("TwoHeadsTraining.java"), generated(compilation, "test.TwoHeadsTraining"));
    }

    @Test
    void blockAndTrivializedRotationsReachTheGeneratedBuilder() throws IOException {
        JavaFileObject model = Sources.model("Blocks", "public class Blocks {",
                "    @SharedBackbone(featureSize = 16)",
                "    @Rotate(dims = 16, blocks = 4, parametrization = Rotate.Parametrization.TRIVIALIZED)",
                "    Block backbone = Linear.builder().setUnits(16).build();",
                "    @TaskHead(loss = TaskLoss.MSE) Block head = Linear.builder().setUnits(1).build();",
                "}");
        Compilation compilation = Sources.compile(model);
        assertThat(compilation).succeededWithoutWarnings();
        String source = generated(compilation, "test.BlocksMultiTask");
        assertTrue(source.contains("builder.optRotationBlocks(4);"), source);
        assertTrue(source.contains("builder.optRotationParametrization(RotationParametrization.TRIVIALIZED);"), source);

        Compilation plain = Sources.compile(twoHeads());
        String defaults = generated(plain, "test.TwoHeadsMultiTask");
        assertFalse(defaults.contains("optRotationBlocks") || defaults.contains("optRotationParametrization"), defaults);
    }

    @Test
    void generationIsDeterministic() throws IOException {
        Compilation first = Sources.compile(twoHeads());
        Compilation second = Sources.compile(twoHeads());
        assertEquals(generated(first, "test.TwoHeadsMultiTask"), generated(second, "test.TwoHeadsMultiTask"));
        assertEquals(generated(first, "test.TwoHeadsTraining"), generated(second, "test.TwoHeadsTraining"));
    }

    @Test
    void everyPublicMemberOfTheGeneratedCodeIsDocumented() {
        JavaFileObject model = twoHeads();
        JavaFileObject escaped = Sources.model("Escaped", "public class Escaped {",
                "    @SharedBackbone Block backbone = Linear.builder().setUnits(8).build();",
                "    @TaskHeads(names = {\"a*/b\", \"new\\nline\", \"{@code x}\", \"<b>\", \"\\\\u002a/\"}, loss = TaskLoss.MSE)",
                "    Block attribute(int index) { return Linear.builder().setUnits(1).build(); }",
                "}");
        Compilation compilation = Compiler.javac().withProcessors(new RotoGradProcessor())
                .withOptions("-Xdoclint:all/protected").compile(model, escaped);
        assertThat(compilation).succeeded();
        List<String> inGenerated = compilation.diagnostics().stream()
                .filter(d -> d.getSource() != null && d.getSource() != model && d.getSource() != escaped)
                .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null)).toList();
        assertEquals(List.of(), inGenerated);
    }

    @Test
    void aModelWithFortyHeadsCompiles() throws IOException {
        List<String> names = new ArrayList<>();
        for (String attribute : ("5_o_Clock_Shadow Arched_Eyebrows Attractive Bags_Under_Eyes Bald Bangs Big_Lips "
                + "Big_Nose Black_Hair Blond_Hair Blurry Brown_Hair Bushy_Eyebrows Chubby Double_Chin Eyeglasses Goatee "
                + "Gray_Hair Heavy_Makeup High_Cheekbones Male Mouth_Slightly_Open Mustache Narrow_Eyes No_Beard "
                + "Oval_Face Pale_Skin Pointy_Nose Receding_Hairline Rosy_Cheeks Sideburns Smiling Straight_Hair "
                + "Wavy_Hair Wearing_Earrings Wearing_Hat Wearing_Lipstick Wearing_Necklace Wearing_Necktie Young")
                .split(" ")) {
            names.add("\"" + attribute + "\"");
        }
        assertEquals(40, names.size());
        JavaFileObject celeba = Sources.model("CelebA",
                "public class CelebA {",
                "    @SharedBackbone(featureSize = 512) @Rotate(dims = 256)",
                "    Block backbone() { return Linear.builder().setUnits(512).build(); }",
                "    @TaskHeads(names = {" + String.join(", ", names) + "},",
                "            loss = TaskLoss.SIGMOID_BINARY_CROSS_ENTROPY, metrics = {TaskMetric.F1, TaskMetric.BINARY_ACCURACY})",
                "    Block attribute(int index) { return Linear.builder().setUnits(1).build(); }",
                "    @TaskHeads(count = 3, prefix = \"extra\", loss = TaskLoss.MSE)",
                "    Block extra(int index) { return Linear.builder().setUnits(1).build(); }",
                "}");
        Compilation compilation = Sources.compile(celeba);
        assertThat(compilation).succeededWithoutWarnings();
        String source = generated(compilation, "test.CelebAMultiTask");
        assertTrue(source.contains("public static final String TASK_5_O_CLOCK_SHADOW = \"5_o_Clock_Shadow\";"));
        assertTrue(source.contains("NDArray wearingNecktie, NDArray young,") && source.contains("NDArray extra2)"),
                source);
        assertTrue(source.contains("outputs.get(42)"));
        assertTrue(source.contains("public static final List<String> EXTRA_TASKS = List.of(EXTRA0, EXTRA1, EXTRA2);"));
    }

    @Test
    void aNestedModelAndACustomLossCompile() throws IOException {
        Compilation compilation = Sources.compile(Sources.model("Outer",
                "public class Outer {",
                "    public static class Net {",
                "        @SharedBackbone Block backbone = Linear.builder().setUnits(4).build();",
                "        @TaskHead(loss = TaskLoss.CUSTOM, lossMethod = \"halfMse\") Block depth = Linear.builder().setUnits(1).build();",
                "        Loss halfMse() { return new ai.djl.training.loss.L2Loss(); }",
                "    }",
                "}"));
        assertThat(compilation).succeededWithoutWarnings();
        String source = generated(compilation, "test.Outer_NetMultiTask");
        assertTrue(source.contains("public static MultiTaskModel block(Outer.Net model)"), source);
        assertTrue(source.contains("model.halfMse()"), source);
        assertTrue(!source.contains("optRotation"), "no @Rotate, no rotations: " + source);
    }
}
