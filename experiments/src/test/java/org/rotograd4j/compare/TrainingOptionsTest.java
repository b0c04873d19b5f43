package org.rotograd4j.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.core.Linear;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.rotograd4j.loss.Losses;
import org.rotograd4j.method.MethodDescriptor;
import org.rotograd4j.method.Methods;
import org.rotograd4j.rotation.RotationInit;
import org.rotograd4j.rotation.RotationParametrization;
import org.rotograd4j.train.GradientSpace;
import org.rotograd4j.train.MultiTaskConfig;
import org.rotograd4j.train.MultiTaskModel;
import org.rotograd4j.train.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class TrainingOptionsTest {

    /** A sample's command: the shared options and one of its own; remembers them when run. */
    @Command(name = "toy")
    static final class Toy implements Callable<Integer> {
        @Mixin
        TrainingOptions options;

        @Option(names = "--width", defaultValue = "8")
        int width;

        TrainingOptions ran;

        @Override
        public Integer call() {
            ran = options;
            return 0;
        }
    }

    private static MultiTaskModel.Builder annotatedLike() {
        return MultiTaskModel.builder().setBackbone(Linear.builder().setUnits(8).build())
                .addTask(Task.of("a", Linear.builder().setUnits(1).build(), Losses.meanSquaredError("a")))
                .optRotation(8, RotationInit.HAAR, 1);
    }

    private static Toy run(Map<String, String> defaults, String... args) {
        Toy toy = new Toy();
        assertEquals(0, TrainingOptions.execute(toy, args, defaults), List.of(args).toString());
        return toy;
    }

    /** Runs a bad command line, returning what it printed on the error stream; it must exit with 2. */
    private static String error(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, TrainingOptions.execute(new Toy(), args, Map.of()), List.of(args).toString());
        } finally {
            System.setErr(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void typedOptionsTakeTheCommandLineThenTheSamplesDefaultsThenTheStandardOnes() {
        Toy toy = run(Map.of("epochs", "200", "output", "target/toy", "width", "16"),
                "--methods", "cagrad:0.4, rotograd", "--seeds", "3,1", "--lr", "2e-4", "--gradient-space",
                "parameters", "--rotation-size", "0");
        TrainingOptions options = toy.ran;
        assertEquals(List.of("cagrad:0.4", "rotograd"), options.methods());
        assertEquals(List.of(3, 1), options.seeds());
        assertEquals(200, options.epochs(), "the sample's default");
        assertEquals(128, options.batchSize(), "the standard default");
        assertEquals(Path.of("target/toy"), options.output());
        assertEquals(16, toy.width, "a sample option's default from the sample");
        assertEquals(OptionalInt.of(0), options.rotationSize());
        MultiTaskConfig config = options.config(3).build();
        assertEquals(200, config.epochs());
        assertEquals(GradientSpace.PARAMETERS, config.gradientSpace());
        assertEquals(OptionalInt.empty(), run(Map.of()).ran.rotationSize(), "annotated");
    }

    @Test
    void rotationChoicesChangeTheModelOnlyWhenGiven() {
        MultiTaskModel kept = run(Map.of()).ran.applyRotationChoices(annotatedLike()).build();
        assertEquals(RotationParametrization.EXPONENTIAL, kept.rotations().parametrization());
        assertEquals(1, kept.rotations().blocks());

        MultiTaskModel changed = run(Map.of(), "--rotation-parametrization", "trivialized", "--rotation-blocks", "4")
                .ran.applyRotationChoices(annotatedLike()).build();
        assertEquals(RotationParametrization.TRIVIALIZED, changed.rotations().parametrization());
        assertEquals(4, changed.rotations().blocks());
    }

    @Test
    void badOptionsAreNamedWithTheirValueAndExitWith2() {
        Map<List<String>, String> expected = Map.of(
                List.of("--rotation-parametrization", "cayley"),
                "Invalid value for option '--rotation-parametrization': must be annotated, exponential or "
                        + "trivialized, got 'cayley'",
                List.of("--epochs", "ten"), "Invalid value for option '--epochs': 'ten' is not an int",
                List.of("--rotation-size", "-3"),
                "Invalid value for option '--rotation-size': '-3' is neither annotated nor a count (0 or more)",
                List.of("--seeds", "1,x"), "Invalid value for option '--seeds' (SEED): 'x' is not an int",
                List.of("--gradient-space", "weights"), "Invalid value for option '--gradient-space'");
        expected.forEach((args, message) -> {
            String printed = error(args.toArray(String[]::new));
            assertTrue(printed.startsWith(message), printed);
            assertTrue(printed.contains("Usage: toy"), "the usage follows: " + printed);
        });
        String unknown = error("--dataset", "d");
        assertTrue(unknown.startsWith("Unknown options: '--dataset', 'd'") && unknown.contains("--data"), unknown);
        String method = error("--methods", "vanilla,magic");
        assertTrue(method.startsWith("Invalid value for option '--methods' (METHOD): ") && method.contains("magic"),
                method);
    }

    @Test
    void helpListsEveryOptionWithTheSamplesDefaults() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Toy toy = new Toy();
        try {
            assertEquals(0, TrainingOptions.execute(toy, new String[] {"--help"}, Map.of("epochs", "200")));
        } finally {
            System.setOut(original);
        }
        String help = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(null, toy.ran, "help does not run the command");
        for (String option : List.of("--data", "--methods", "--epochs", "--batch-size", "--lr", "--rotation-lr",
                "--rotation-size", "--rotation-parametrization", "--rotation-blocks", "--seeds", "--gradient-space",
                "--device", "--output", "--width", "--help")) {
            assertTrue(help.contains(option), option + " in " + help);
        }
        assertTrue(help.contains("training epochs per model (default: 200)"), help);
        for (MethodDescriptor method : Methods.all()) {
            assertTrue(help.contains("\n  " + method.usage() + " "), method.usage() + " listed in " + help);
        }
    }

    @Test
    void defaultsForOptionsTheCommandLacksAreAProgrammingError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingOptions.execute(new Toy(), new String[0], Map.of("colour", "red")));
        assertTrue(e.getMessage().contains("[colour]"), e.getMessage());
    }
}
