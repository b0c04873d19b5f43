package org.rotograd4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.rotograd4j.processor.read.ErrorId;

/** One test per error id: its code, a message that says how to fix it, and the exact line and column. */
class ErrorIdsTest {

    private static final String BACKBONE = "    @SharedBackbone Block backbone = Linear.builder().setUnits(8).build();";
    private static final String HEAD = "    @TaskHead(loss = TaskLoss.MSE) Block head = Linear.builder().setUnits(1).build();";

    /** Compiles, expects exactly the one error, on the line marked {@code //!} at the column of {@code at}. */
    private static void expectError(ErrorId id, String message, String at, String... body) throws IOException {
        JavaFileObject source = Sources.model("Model", body);
        Compilation compilation = Sources.compile(source);
        assertThat(compilation).failed();
        String[] lines = source.getCharContent(true).toString().split("\n", -1);
        int line = 0;
        while (!lines[line].contains("//!")) {
            line++;
        }
        long column = lines[line].indexOf(at) + 1;
        assertThat(compilation).hadErrorContaining("[" + id.code() + "] " + message)
                .inFile(source).onLine(line + 1).atColumn(column);
        long ours = compilation.errors().stream().filter(e -> e.getMessage(null).startsWith("[RG")).count();
        assertEquals(1, ours, "errors: " + compilation.errors());
    }

    @Test
    void missingBackbone() throws IOException {
        expectError(ErrorId.MISSING_BACKBONE, "model Model has task heads but no @SharedBackbone", "class Model",
                "public class Model { //!", HEAD, "}");
    }

    @Test
    void duplicateBackbone() throws IOException {
        expectError(ErrorId.DUPLICATE_BACKBONE, "a model has one @SharedBackbone, but other is a second one", "@Shared",
                "public class Model {", BACKBONE,
                "    @SharedBackbone Block other = Linear.builder().setUnits(8).build(); //!", HEAD, "}");
    }

    @Test
    void missingHeads() throws IOException {
        expectError(ErrorId.MISSING_HEADS, "model Model has a @SharedBackbone but no task heads", "class Model",
                "public class Model { //!", BACKBONE, "}");
    }

    @Test
    void duplicateTaskName() throws IOException {
        expectError(ErrorId.DUPLICATE_TASK_NAME, "task name 'depth' is used twice", "\"depth\" /*2*/",
                "public class Model {", BACKBONE,
                "    @TaskHead(name = \"depth\", loss = TaskLoss.MSE) Block a = Linear.builder().setUnits(1).build();",
                "    @TaskHead(name = \"depth\" /*2*/, loss = TaskLoss.MAE) Block b = Linear.builder().setUnits(1).build(); //!",
                "}");
    }

    @Test
    void taskNamesThatBecomeTheSameConstant() throws IOException {
        expectError(ErrorId.NAME_COLLISION, "task 'Wavy_Hair' and task 'wavy-hair' would both be the constant "
                + "WAVY_HAIR in the generated ModelMultiTask: rename one of them", "\"wavy-hair\"",
                "public class Model {", BACKBONE,
                "    @TaskHeads(names = {\"Wavy_Hair\", \"wavy-hair\"}, loss = TaskLoss.MSE) //!",
                "    Block attribute(int index) { return Linear.builder().setUnits(1).build(); }",
                "}");
    }

    @Test
    void taskNamesThatBecomeTheSameComponent() throws IOException {
        expectError(ErrorId.NAME_COLLISION, "task 'floor_1' and task 'floor1' would both be the component floor1 of "
                + "record Outputs in the generated ModelMultiTask: rename one of them", "\"floor1\"",
                "public class Model {", BACKBONE,
                "    @TaskHead(name = \"floor_1\", loss = TaskLoss.MSE) Block a = Linear.builder().setUnits(1).build();",
                "    @TaskHead(name = \"floor1\", loss = TaskLoss.MSE) Block b = Linear.builder().setUnits(1).build(); //!",
                "}");
    }

    @Test
    void aTaskNamedLikeTheListOfAllTasks() throws IOException {
        expectError(ErrorId.NAME_COLLISION, "the list of all tasks and task 'tasks' would both be the constant TASKS in "
                + "the generated ModelMultiTask: rename the task", "@TaskHead",
                "public class Model {", BACKBONE,
                "    @TaskHead(loss = TaskLoss.MSE) Block tasks = Linear.builder().setUnits(1).build(); //!",
                "}");
    }

    @Test
    void aTaskNamedLikeTheTaskListOfAnEarlierFamily() throws IOException {
        expectError(ErrorId.NAME_COLLISION, "the task list of @TaskHeads room(int) and task 'room tasks' would both be "
                + "the constant ROOM_TASKS in the generated ModelMultiTask: rename one of them", "\"room tasks\"",
                "public class Model {", BACKBONE,
                "    @TaskHeads(count = 2, prefix = \"room\", loss = TaskLoss.MSE)",
                "    Block room(int index) { return Linear.builder().setUnits(1).build(); }",
                "    @TaskHead(name = \"room tasks\", loss = TaskLoss.MSE) Block a = Linear.builder().build(); //!",
                "}");
    }

    @Test
    void aFamilyWhoseTaskListIsNamedLikeAnEarlierTask() throws IOException {
        expectError(ErrorId.NAME_COLLISION, "task 'room tasks' and the task list of @TaskHeads room(int) would both be "
                + "the constant ROOM_TASKS in the generated ModelMultiTask: rename one of them", "@TaskHeads",
                "public class Model {", BACKBONE,
                "    @TaskHead(name = \"room tasks\", loss = TaskLoss.MSE) Block a = Linear.builder().build();",
                "    @TaskHeads(count = 2, prefix = \"room\", loss = TaskLoss.MSE) //!",
                "    Block room(int index) { return Linear.builder().setUnits(1).build(); }",
                "}");
    }

    @Test
    void twoFamiliesWithTheSameTaskList() throws IOException {
        expectError(ErrorId.NAME_COLLISION, "the task list of @TaskHeads room_a(int) and the task list of @TaskHeads "
                + "roomA(int) would both be the constant ROOM_A_TASKS in the generated ModelMultiTask", "@TaskHeads",
                "public class Model {", BACKBONE,
                "    @TaskHeads(names = {\"a\", \"b\"}, loss = TaskLoss.MSE)",
                "    Block room_a(int index) { return Linear.builder().setUnits(1).build(); }",
                "    @TaskHeads(names = {\"c\", \"d\"}, loss = TaskLoss.MSE) //!",
                "    Block roomA(int index) { return Linear.builder().setUnits(1).build(); }",
                "}");
    }

    @Test
    void countedTasksThatClashAreReportedOnThePrefix() throws IOException {
        expectError(ErrorId.NAME_COLLISION, "task 'floor1' and task 'floor_1' would both be the component floor1",
                "\"floor_\"",
                "public class Model {", BACKBONE,
                "    @TaskHead(loss = TaskLoss.MSE) Block floor1 = Linear.builder().setUnits(1).build();",
                "    @TaskHeads(count = 2, prefix = \"floor_\", loss = TaskLoss.MSE) //!",
                "    Block floor(int index) { return Linear.builder().setUnits(1).build(); }",
                "}");
    }

    @Test
    void twoModelsWhoseGeneratedClassesHaveTheSameName() throws IOException {
        JavaFileObject nested = Sources.model("A", "public class A {", "    public static class B {",
                "    " + BACKBONE, "    " + HEAD, "    }", "}");
        JavaFileObject flat = Sources.model("A_B", "public class A_B {", BACKBONE, HEAD, "}");
        Compilation compilation = Sources.compile(nested, flat);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[RG021] models test.A.B and test.A_B would both generate the classes "
                + "A_BMultiTask and A_BTraining: rename one of them").inFile(flat).onLine(8).atColumn(8);
        assertEquals(1, compilation.errors().size(), "errors: " + compilation.errors());
    }

    @Test
    void notABlock() throws IOException {
        expectError(ErrorId.NOT_A_BLOCK, "@TaskHead member head has type java.lang.String, which is not an "
                + "ai.djl.nn.Block: declare it as a Block", "@TaskHead",
                "public class Model {", BACKBONE, "    @TaskHead(loss = TaskLoss.MSE) String head = \"\"; //!", "}");
    }

    @Test
    void privateMember() throws IOException {
        expectError(ErrorId.PRIVATE_MEMBER, "@TaskHead member head is private", "@TaskHead",
                "public class Model {", BACKBONE,
                "    @TaskHead(loss = TaskLoss.MSE) private Block head = Linear.builder().setUnits(1).build(); //!", "}");
    }

    @Test
    void staticMember() throws IOException {
        expectError(ErrorId.STATIC_MEMBER, "@SharedBackbone member backbone is static", "@Shared",
                "public class Model {",
                "    @SharedBackbone static Block backbone = Linear.builder().setUnits(8).build(); //!", HEAD, "}");
    }

    @Test
    void methodWithParameters() throws IOException {
        expectError(ErrorId.UNEXPECTED_PARAMETERS, "method head must not take parameters; for many heads made from an "
                + "index, use @TaskHeads", "@TaskHead",
                "public class Model {", BACKBONE,
                "    @TaskHead(loss = TaskLoss.MSE) Block head(int size) { return Linear.builder().setUnits(size).build(); } //!",
                "}");
    }

    @Test
    void rotateDimsNotPositive() throws IOException {
        expectError(ErrorId.ROTATE_DIMS_NOT_POSITIVE, "@Rotate(dims) must be positive, got 0", "0)",
                "public class Model {",
                "    @SharedBackbone @Rotate(dims = 0) Block backbone = Linear.builder().setUnits(8).build(); //!",
                HEAD, "}");
    }

    @Test
    void rotateDimsTooLarge() throws IOException {
        expectError(ErrorId.ROTATE_DIMS_TOO_LARGE, "@Rotate(dims = 10) is larger than the shared feature (featureSize = 8)",
                "10)",
                "public class Model {",
                "    @SharedBackbone(featureSize = 8) @Rotate(dims = 10) Block backbone = Linear.builder().build(); //!",
                HEAD, "}");
    }

    @Test
    void rotateBlocksThatDoNotDivideDims() throws IOException {
        expectError(ErrorId.ROTATE_BLOCKS, "@Rotate(blocks = 3) must be positive and divide dims = 8", "3)",
                "public class Model {",
                "    @SharedBackbone @Rotate(dims = 8, blocks = 3) Block backbone = Linear.builder().build(); //!",
                HEAD, "}");
    }

    @Test
    void rotateWithoutBackbone() throws IOException {
        expectError(ErrorId.ROTATE_WITHOUT_BACKBONE, "@Rotate belongs on the @SharedBackbone member: head is not",
                "@Rotate",
                "public class Model {", BACKBONE,
                "    @Rotate(dims = 4) @TaskHead(loss = TaskLoss.MSE) Block head = Linear.builder().build(); //!", "}");
    }

    @Test
    void familyWithoutTasks() throws IOException {
        expectError(ErrorId.FAMILY_WITHOUT_TASKS, "@TaskHeads needs either names = {...} or a positive count, not neither",
                "@TaskHeads",
                "public class Model {", BACKBONE,
                "    @TaskHeads(loss = TaskLoss.MSE) //!",
                "    Block attribute(int index) { return Linear.builder().setUnits(1).build(); }", "}");
    }

    @Test
    void familySignature() throws IOException {
        expectError(ErrorId.FAMILY_SIGNATURE, "@TaskHeads needs a method that takes the task's index: Block "
                + "attribute(int index)", "@TaskHeads",
                "public class Model {", BACKBONE,
                "    @TaskHeads(count = 3, loss = TaskLoss.MSE) //!",
                "    Block attribute(String name) { return Linear.builder().setUnits(1).build(); }", "}");
    }

    @Test
    void abstractModel() throws IOException {
        expectError(ErrorId.ABSTRACT_MODEL, "model Model is abstract; the generated trainer takes an instance of it",
                "class Model", "public abstract class Model { //!", BACKBONE, HEAD, "}");
    }

    @Test
    void genericModel() throws IOException {
        expectError(ErrorId.GENERIC_MODEL, "model Model has type parameters, which are not supported", "class Model",
                "public class Model<T> { //!", BACKBONE, HEAD, "}");
    }

    @Test
    void blankTaskName() throws IOException {
        expectError(ErrorId.BLANK_TASK_NAME, "a task name must not be blank", "\" \"",
                "public class Model {", BACKBONE,
                "    @TaskHead(name = \" \", loss = TaskLoss.MSE) Block head = Linear.builder().build(); //!", "}");
    }

    @Test
    void invalidWeight() throws IOException {
        expectError(ErrorId.INVALID_WEIGHT, "a loss weight must be a positive finite number, got -1.0", "-1",
                "public class Model {", BACKBONE,
                "    @TaskHead(loss = TaskLoss.MSE, weight = -1) Block head = Linear.builder().build(); //!", "}");
    }

    @Test
    void customLossWithoutMethod() throws IOException {
        expectError(ErrorId.CUSTOM_LOSS, "loss = TaskLoss.CUSTOM needs lossMethod", "@TaskHead",
                "public class Model {", BACKBONE,
                "    @TaskHead(loss = TaskLoss.CUSTOM) Block head = Linear.builder().build(); //!", "}");
    }

    @Test
    void customLossMethodThatIsNoLoss() throws IOException {
        expectError(ErrorId.CUSTOM_LOSS, "lossMethod = \"depthLoss\" names no method of Model that is non-private, "
                + "non-static, without parameters and returns ai.djl.training.loss.Loss", "\"depthLoss\"",
                "public class Model {", BACKBONE,
                "    @TaskHead(loss = TaskLoss.CUSTOM, lossMethod = \"depthLoss\") Block head = Linear.builder().build(); //!",
                "    String depthLoss() { return \"\"; }", "}");
    }

    @Test
    void inaccessibleModel() throws IOException {
        expectError(ErrorId.INACCESSIBLE_MODEL, "class Inner is private, so the generated classes beside it cannot use "
                + "model Inner", "class Inner",
                "public class Model {",
                "    private static class Inner { //!", "    " + BACKBONE, "    " + HEAD, "    }", "}");
    }

    @Test
    void invalidFeatureSize() throws IOException {
        expectError(ErrorId.INVALID_FEATURE_SIZE, "featureSize must be positive, or 0 when not known; got -3", "-3",
                "public class Model {",
                "    @SharedBackbone(featureSize = -3) Block backbone = Linear.builder().build(); //!", HEAD, "}");
    }

    @Test
    void unresolvedType() throws IOException {
        expectError(ErrorId.UNRESOLVED_TYPE, "@TaskHead member head has type NeverGenerated, which could not be "
                + "resolved: declare or import it, or check that the annotation processor that generates it runs",
                "@TaskHead",
                "public class Model {", BACKBONE,
                "    @TaskHead(loss = TaskLoss.MSE) NeverGenerated head; //!",
                "}");
    }

    @Test
    void unresolvedLossType() throws IOException {
        expectError(ErrorId.UNRESOLVED_TYPE, "lossMethod = \"depthLoss\" returns NeverGenerated, which could not be "
                + "resolved", "\"depthLoss\"",
                "public class Model {", BACKBONE,
                "    @TaskHead(loss = TaskLoss.CUSTOM, lossMethod = \"depthLoss\") Block head = Linear.builder().build(); //!",
                "    NeverGenerated depthLoss() { return null; }",
                "}");
    }

    @Test
    void everyMistakeIsReportedNotOnlyTheFirst() throws IOException {
        Compilation compilation = Sources.compile(Sources.model("Model",
                "public class Model {", BACKBONE,
                "    @TaskHead(loss = TaskLoss.MSE, weight = 0) private Block a = Linear.builder().build();",
                "    @TaskHead(loss = TaskLoss.MSE) static Block b = Linear.builder().build();",
                "}"));
        List<String> codes = compilation.errors().stream().map(e -> e.getMessage(null).substring(0, 7)).sorted().toList();
        assertEquals(List.of("[RG006]", "[RG007]", "[RG017]"), codes);
    }

    @Test
    void anInternalFailureIsOneErrorNotACrash() throws IOException {
        JavaFileObject source = Sources.model("Model", "public class Model {", BACKBONE, HEAD, "}");
        RotoGradProcessor failing = new RotoGradProcessor(List.of(model -> {
            throw new IllegalStateException("generator failed");
        }));
        Compilation compilation = Compiler.javac().withProcessors(failing).compile(source);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("[RG099] RotoGrad4J's processor failed on test.Model: "
                + "java.lang.IllegalStateException: generator failed").inFile(source).onLine(8);
        assertEquals(1, compilation.errors().size(), "errors: " + compilation.errors());
    }

    @Test
    void everyIdIsDistinctAndDocumentedInTheReadme() throws IOException {
        List<String> codes = Arrays.stream(ErrorId.values()).map(ErrorId::code).toList();
        assertEquals(codes.size(), codes.stream().distinct().count());
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("..", "README.md"));
        for (ErrorId id : ErrorId.values()) {
            org.junit.jupiter.api.Assertions.assertTrue(readme.contains("| " + id.code() + " |"),
                    id.code() + " is missing from the README's table of error ids");
        }
    }
}
