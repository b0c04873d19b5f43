package org.rotograd4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Task names that Java or the generated classes reserve, letters of other scripts, and text that could break
 * out of a comment or a literal: the generated code compiles and keeps every name as written.
 */
class GeneratedNamesTest {

    private static final String BACKBONE = "    @SharedBackbone Block backbone = Linear.builder().setUnits(8).build();";
    private static final String FACTORY = "    Block attribute(int index) { return Linear.builder().setUnits(1).build(); }";

    /** Compiles a model whose family has the given task names (as Java string literals), expecting success. */
    private static Compilation compileFamily(String... names) {
        Compilation compilation = Sources.compile(Sources.model("Model", "public class Model {", BACKBONE,
                "    @TaskHeads(names = {" + String.join(", ", names) + "}, loss = TaskLoss.MSE)", FACTORY, "}"));
        assertThat(compilation).succeededWithoutWarnings();
        return compilation;
    }

    private static List<String> components(Compilation compilation) throws ClassNotFoundException {
        return Arrays.stream(Sources.load(compilation, "test.ModelMultiTask$Outputs").getRecordComponents())
                .map(RecordComponent::getName).toList();
    }

    private static Object constant(Compilation compilation, String name) throws ReflectiveOperationException {
        return Sources.load(compilation, "test.ModelMultiTask").getField(name).get(null);
    }

    @Test
    void namesOfObjectsMethodsAndOfTheGeneratedMembersCompile() throws ReflectiveOperationException {
        Compilation compilation = compileFamily("\"hashCode\"", "\"to string\"", "\"getClass\"", "\"wait\"",
                "\"notify\"", "\"notifyAll\"", "\"clone\"", "\"finalize\"", "\"equals\"", "\"of\"", "\"block\"",
                "\"builder\"", "\"outputs\"", "\"model\"", "\"name\"", "\"i\"", "\"class\"", "\"record\"", "\"5 x\"");
        assertEquals(List.of("hashCodeOutput", "toStringOutput", "getClassOutput", "waitOutput", "notifyOutput",
                "notifyAllOutput", "cloneOutput", "finalizeOutput", "equals", "ofOutput", "block", "builder", "outputs",
                "model", "name", "i", "classOutput", "recordOutput", "task5X"), components(compilation));
        assertEquals("hashCode", constant(compilation, "HASH_CODE"));
        assertEquals("5 x", constant(compilation, "TASK_5_X"));
    }

    @Test
    void modelsNamedLikeTypesThatTheGeneratedCodeUsesCompile() {
        for (String model : List.of("String", "Override", "Outputs", "Task", "List", "Generated")) {
            Compilation compilation = Sources.compile(Sources.model(model, "public class " + model + " {", BACKBONE,
                    "    @TaskHeads(names = {\"a\", \"b\"}, loss = TaskLoss.MSE)", FACTORY, "}"));
            assertThat(compilation).succeededWithoutWarnings();
        }
    }

    @Test
    void lettersOfAnyScriptAreKept() throws ReflectiveOperationException {
        Compilation compilation = compileFamily("\"Größe in m²\"", "\"年齢\"", "\"Ωmega_Δ\"");
        assertEquals(List.of("größeInM2", "年齢", "ωmegaΔ"), components(compilation));
        assertEquals("Größe in m²", constant(compilation, "GRÖSSE_IN_M2"));
        assertEquals("年齢", constant(compilation, "年齢"));
        assertEquals("Ωmega_Δ", constant(compilation, "ΩMEGA_Δ"));
    }

    @Test
    void textThatCouldEndACommentOrALiteralIsEscaped() throws ReflectiveOperationException, IOException {
        // As written in the model's source: a comment end, quotes and a backslash, a line break, a unicode
        // escape of '*' that javac would read in a comment, an inline tag, HTML, and a control character.
        Compilation compilation = compileFamily("\"a*/b\"", "\"quote\\\"back\\\\slash\"", "\"new\\nline\"",
                "\"\\\\u002a/\"", "\"{@code x}\"", "\"<b>&amp;</b>\"", "\"x\\u0000y\"");
        assertEquals(List.of("a*/b", "quote\"back\\slash", "new\nline", "\\u002a/", "{@code x}", "<b>&amp;</b>",
                "x\u0000y"), constant(compilation, "TASKS"));
        String source = compilation.generatedSourceFile("test.ModelMultiTask").orElseThrow().getCharContent(true)
                .toString();
        assertTrue(source.contains("* Task <code>a*&#47;b</code>.\n"), source);
        assertTrue(source.contains("* Task <code>&#92;u002a&#47;</code>.\n"), source);
        assertTrue(source.contains("* Task <code>new&#92;u000aline</code>.\n"), source);
        assertTrue(source.contains("* Task {@code <b>&amp;</b>}.\n"), source);
    }
}
