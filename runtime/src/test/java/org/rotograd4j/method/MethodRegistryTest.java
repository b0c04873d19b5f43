package org.rotograd4j.method;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry: ids, parsing and its errors, the help text, the README's table, and that no method is missed. */
class MethodRegistryTest {

    @ParameterizedTest
    @MethodSource("org.rotograd4j.method.Methods#all")
    void everyMethodHasAnIdThatParsesBackToItself(MethodDescriptor descriptor) {
        MultiTaskMethod method = descriptor.create();
        assertSame(descriptor, method.descriptor());
        assertEquals(descriptor.displayName(), method.name());
        assertEquals(descriptor.rotates(), method.rotates());
        String defaults = descriptor.hyperparameters().stream().map(h -> ":" + h.format(h.defaultValue()))
                .collect(Collectors.joining());
        assertEquals(descriptor.name() + defaults, method.id());
        assertEquals(method.id(), Methods.parse(descriptor.name()).id());
        assertEquals(method.id(), Methods.parse(method.id()).id());
        assertEquals(method.id(), Methods.parse(method.id().toUpperCase(Locale.ROOT)).id());
    }

    @ParameterizedTest
    @MethodSource("org.rotograd4j.method.Methods#all")
    void randomHyperparametersRoundTripExactly(MethodDescriptor descriptor) {
        SplittableRandom random = new SplittableRandom(descriptor.name().hashCode());
        List<Hyperparameter> hyperparameters = descriptor.hyperparameters();
        for (int trial = 0; trial < 50; trial++) {
            double[] values = new double[hyperparameters.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = randomValue(hyperparameters.get(i), random);
            }
            MultiTaskMethod method = descriptor.create(values);
            assertArrayEquals(values, method.hyperparameters(), 0, method.id());
            MultiTaskMethod parsed = Methods.parse(method.id());
            assertEquals(method.id(), parsed.id());
            assertArrayEquals(values, parsed.hyperparameters(), 0, method.id());
        }
    }

    private static double randomValue(Hyperparameter hyperparameter, SplittableRandom random) {
        if (hyperparameter.integer()) {
            long span = Math.min((long) (hyperparameter.maximum() - hyperparameter.minimum()), 1L << 53);
            return hyperparameter.minimum() + random.nextLong(span + 1);
        }
        double value = hyperparameter.minimum() + Math.exp(20 * random.nextDouble() - 10);
        return hyperparameter.accepts(value) ? value : hyperparameter.defaultValue();
    }

    @Test
    void defaultsAreMadeExplicitAndTheCanonicalFormIsShort() {
        assertEquals("cagrad:0.4", Methods.parse("cagrad").id());
        assertEquals("cagrad:0.5", Methods.parse(" CAGrad:0.50 ").id());
        assertEquals("cagrad:0.5", new CaGrad(0.5).id());
        assertEquals("gradnorm:1.5", Methods.parse("gradnorm").id());
        assertEquals("pcgrad:0", Methods.parse("pcgrad").id());
        assertEquals("pcgrad:7", Methods.parse("pcgrad:7.0").id());
        assertEquals("dwa:2:1", Methods.parse("dwa").id());
        assertEquals("dwa:2:100", new DynamicWeightAverage(2, 100).id());
        assertEquals("famo:0.05:0.001", Methods.parse("famo:5e-2").id());
        assertEquals("rotograd", Methods.parse("rotograd").id());
        assertEquals("imtl-g+r", ImtlG.withRotations().id());
        assertEquals("IMTL-G+R_k", Methods.parse("imtl-g+r").name());
    }

    @Test
    void parseErrorsNameTheSpecificationAndWhatIsWrong() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("sgd", "'sgd': unknown method 'sgd'; known: aligned-mtl, cagrad, dwa, ");
        expected.put("sgd:1", "'sgd:1': unknown method 'sgd'; known: ");
        expected.put("", "'': unknown method ''; known: ");
        expected.put("mgda:2", "'mgda:2': MGDA takes no hyperparameters, got 1");
        expected.put("rotograd:", "'rotograd:': RotoGrad takes no hyperparameters, got 1");
        expected.put("cagrad:0.4:1", "'cagrad:0.4:1': CAGrad takes at most 1 hyperparameters (c), got 2");
        expected.put("cagrad:abc", "'cagrad:abc': CAGrad's c must be a number, got 'abc'");
        expected.put("cagrad:", "'cagrad:': CAGrad's c must be a number, got ''");
        expected.put("cagrad:NaN", "'cagrad:NaN': CAGrad's c must be a number, got 'NaN'");
        expected.put("cagrad:-1", "'cagrad:-1': CAGrad's c must be >= 0, got -1");
        expected.put("cagrad:1e999", "'cagrad:1e999': CAGrad's c must be >= 0, got ");
        expected.put("dwa:0", "'dwa:0': DWA's T must be > 0, got 0");
        expected.put("dwa:2:0.5", "'dwa:2:0.5': DWA's window must be an integer, got '0.5'");
        expected.put("pcgrad:1.5", "'pcgrad:1.5': PCGrad's seed must be an integer, got '1.5'");
        expected.put("pcgrad:-1", "'pcgrad:-1': PCGrad's seed must be an integer from 0 to 9007199254740991, got -1");
        expected.put("rlw:9007199254740992", "'rlw:9007199254740992': RLW's seed must be an integer from 0 to ");
        expected.forEach((spec, message) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Methods.parse(spec), spec);
            assertTrue(e.getMessage().startsWith(message), spec + " gave: " + e.getMessage());
        });
    }

    @Test
    void constructorsCheckTheirHyperparametersLikeParsing() {
        Map<Runnable, String> expected = new LinkedHashMap<>();
        expected.put(() -> new CaGrad(-1), "CAGrad's c must be >= 0, got -1");
        expected.put(() -> new GradNorm(Double.NaN), "GradNorm's alpha must be >= 0, got ");
        expected.put(() -> new RotoGradNorm(-0.5), "RotoGradNorm's alpha must be >= 0, got -0.5");
        expected.put(() -> new DynamicWeightAverage(2, 0), "DWA's window must be an integer from 1 to ");
        expected.put(() -> new Famo(0, 0), "FAMO's lr must be > 0, got 0");
        expected.put(() -> new Famo(0.1, -1), "FAMO's decay must be >= 0, got -1");
        expected.put(() -> new PCGrad(-3), "PCGrad's seed must be an integer from 0 to 9007199254740991, got -3");
        expected.put(() -> new GradDrop(Long.MAX_VALUE), "GradDrop's seed must be an integer from 0 to ");
        expected.forEach((constructor, message) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, constructor::run, message);
            assertTrue(e.getMessage().startsWith(message), e.getMessage());
        });
    }

    @Test
    void theHelpTextHasOneLinePerMethodWithItsHyperparameters() {
        List<String> lines = Methods.help().lines().toList();
        assertEquals(Methods.all().size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            MethodDescriptor descriptor = Methods.all().get(i);
            assertTrue(lines.get(i).startsWith(descriptor.usage() + " "), lines.get(i));
            assertTrue(lines.get(i).contains(descriptor.displayName() + ": " + descriptor.summary()), lines.get(i));
        }
        assertTrue(Methods.help().contains("cagrad[:c]"), Methods.help());
        assertTrue(Methods.help().contains("; c >= 0, default 0.4: "), Methods.help());
        assertTrue(Methods.help().contains("famo[:lr[:decay]]"), Methods.help());
    }

    /** The README's table of methods is this table, made from the registry; the message gives it to paste. */
    @Test
    void theReadmeTableIsTheRegistry() throws IOException {
        StringBuilder table = new StringBuilder()
                .append("  | spec | method | paper | hyperparameters | space in its paper | cost per step beyond the"
                        + " task gradients |\n")
                .append("  |---|---|---|---|---|---|\n");
        for (MethodDescriptor d : Methods.all()) {
            String hyperparameters = d.hyperparameters().stream()
                    .map(h -> "`" + h.name() + "` " + h.range() + ", default " + h.format(h.defaultValue()))
                    .collect(Collectors.joining("; "));
            String space = d.paperSpace().map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("loss");
            table.append("  | `").append(d.usage()).append("` | ").append(d.summary()).append(" | ").append(d.paper())
                    .append(" | ").append(hyperparameters).append(" | ").append(space).append(" | ").append(d.cost())
                    .append(" |\n");
        }
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains(table), "README.md's table of methods differs from the registry; it should be:\n"
                + table);
    }

    /** Every method class of this package declares a descriptor that {@link Methods#all()} lists. */
    @Test
    void theRegistryListsEveryDescriptorOfThePackage() throws IOException, URISyntaxException, ReflectiveOperationException {
        Path folder = Path.of(Methods.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(Methods.class.getPackageName().replace('.', '/'));
        List<String> classes;
        try (Stream<Path> files = Files.list(folder)) {
            classes = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> Methods.class.getPackageName() + "." + n.substring(0, n.length() - ".class".length()))
                    .sorted().toList();
        }
        Set<MethodDescriptor> declared = new HashSet<>();
        List<String> withoutDescriptor = new ArrayList<>();
        for (String name : classes) {
            Class<?> type = Class.forName(name);
            boolean hasOwn = false;
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == MethodDescriptor.class && Modifier.isStatic(field.getModifiers())) {
                    declared.add((MethodDescriptor) field.get(null));
                    hasOwn = true;
                }
            }
            boolean concreteMethod = MultiTaskMethod.class.isAssignableFrom(type) && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers());
            if (concreteMethod && !hasOwn) {
                withoutDescriptor.add(name);
            }
        }
        assertEquals(List.of(), withoutDescriptor, "method classes without a DESCRIPTOR");
        assertEquals(declared, new HashSet<>(Methods.all()), "Methods.all() must list every DESCRIPTOR");
        assertEquals(Methods.all().size(), Methods.all().stream().map(MethodDescriptor::name).distinct().count());
    }

    @Test
    void theRegistryOrdersMethodsByNameAndRefusesTwoOfOneName() {
        MethodRegistration first = () -> List.of(RotoGrad.DESCRIPTOR, CaGrad.DESCRIPTOR);
        MethodRegistration second = () -> List.of(Vanilla.DESCRIPTOR);
        assertEquals(List.of(CaGrad.DESCRIPTOR, RotoGrad.DESCRIPTOR, Vanilla.DESCRIPTOR),
                Methods.byName(List.of(first, second)));
        MethodRegistration clash = () -> List.of(CaGrad.DESCRIPTOR);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Methods.byName(List.of(first, clash)));
        assertTrue(e.getMessage().startsWith("two methods are named 'cagrad': one from "), e.getMessage());
    }
}
