package org.rotograd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rotograd4j.train.BatchTrainer;

/** What the runtime imposes on an application: JDK modules, and nothing done to the JVM on loading. */
class RuntimeFootprintTest {

    private static Path classes() throws Exception {
        return Path.of(BatchTrainer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void theRuntimeNeedsNoDesktopModule() throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out), "--ignore-missing-deps", "--multi-release",
                "17", "--print-module-deps", classes().toString());
        assertEquals(0, status, out.toString());
        List<String> modules = List.of(out.toString().trim().split(","));
        assertTrue(modules.contains("java.base"), modules.toString());
        assertFalse(modules.contains("java.desktop"), "the runtime needs " + modules);
    }

    @Test
    void loadingEveryRuntimeClassChangesNoSystemProperty() throws Exception {
        Properties before = (Properties) System.getProperties().clone();
        Path root = classes();
        List<String> names;
        try (Stream<Path> files = Files.walk(root)) {
            names = files.map(root::relativize).map(Path::toString).filter(f -> f.endsWith(".class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.')).toList();
        }
        assertTrue(names.size() > 50, "runtime classes found: " + names.size());
        for (String name : names) {
            Class.forName(name, true, RuntimeFootprintTest.class.getClassLoader());
        }
        assertEquals(before, System.getProperties());
        assertFalse(names.stream().anyMatch(n -> n.startsWith("org.rotograd4j.report.") || n.startsWith("org.rotograd4j.compare.")),
                "experiment harness classes in the runtime");
    }
}
